package dev.concurrencylab.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "uses sh")
class ExecutablesTest {

    @Test
    void findsAProgramOnPathAndNotAMadeUpOne() {
        assertThat(Executables.onPath("no-such-program-anywhere", "sh")).get().asString().endsWith("sh");
        assertThat(Executables.onPath("no-such-program-anywhere")).isEmpty();
    }

    @Test
    void collectsExitCodeAndBothOutputs() throws Exception {
        Executables.Outcome outcome = Executables.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"),
                Timeouts.seconds(30));
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.stdout()).containsExactly("out");
        assertThat(outcome.stderr()).containsExactly("err");
    }

    @Test
    void anOverrunIsAClearErrorAndTakesTheProgramsChildrenWithIt(@TempDir Path directory) throws Exception {
        Path pidFile = directory.resolve("sleep.pid");
        // The shell starts a long sleep in the background, writes down its pid, and waits on it.
        List<String> command = List.of("sh", "-c", "sleep 600 & echo $! > '" + pidFile + "'; wait");
        Duration limit = Timeouts.seconds(2);
        assertThatThrownBy(() -> Executables.run(command, limit)).isInstanceOf(IOException.class)
                .hasMessage(String.format(Locale.ROOT, "sh did not finish within %.1f s", limit.toMillis() / 1000.0));
        long sleeper = Long.parseLong(Files.readString(pidFile).trim());
        Poll.until("the shell's background sleep to be gone", Timeouts.seconds(10),
                () -> ProcessHandle.of(sleeper).map(process -> !process.isAlive()).orElse(true));
    }
}
