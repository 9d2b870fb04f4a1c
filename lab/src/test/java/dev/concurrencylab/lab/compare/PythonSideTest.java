package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.testing.StandInProgram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Java end of the CPython side, against stand-in "pythons" (shell scripts) that answer well or badly. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX shell scripts")
class PythonSideTest {

    private static final Settings SETTINGS =
            new Settings(true, 1, List.of(1, 2), Duration.ofMillis(10), Duration.ofMillis(10), true);

    @TempDir
    Path directory;

    private PythonInterpreter standIn(String body) throws IOException, InterruptedException {
        Path script = StandInProgram.write(directory.resolve("python3"), body);
        return PythonInterpreter.named(List.of(new PythonFacts(script, "3.99.0", true, "fork"))).getFirst();
    }

    @Test
    void readsVersionCountAndResultsWithUnknownCpuTime() throws Exception {
        PythonInterpreter python = standIn("printf 'python 3.99.0\\ncount 123\\nresult sleep-bound cpython-threads 2 0.5 nan\\n'");
        try (PythonSide side = PythonSide.start(python)) {
            List<Results.Sample> samples = side.round(1, SETTINGS);
            assertThat(side.version()).isEqualTo("3.99.0");
            assertThat(samples).singleElement().satisfies(sample -> {
                assertThat(sample.contender()).isEqualTo(Contender.cpythonThreads(python));
                assertThat(sample.contender().label()).isEqualTo("python3 threads (CPython 3.99.0, GIL on)");
                assertThat(sample.workload()).isEqualTo(Workload.SLEEP_BOUND);
                assertThat(sample.workers()).isEqualTo(2);
                assertThat(sample.wallSeconds()).isEqualTo(0.5);
                assertThat(sample.cpuSeconds()).isNaN();
            });
        }
    }

    @Test
    void aLineItDoesNotKnowIsAClearError() throws Exception {
        try (PythonSide side = PythonSide.start(standIn("echo 'Traceback (most recent call last):'"))) {
            assertThatThrownBy(() -> side.round(1, SETTINGS)).isInstanceOf(IOException.class)
                    .hasMessageContaining("from python3: Traceback");
        }
        try (PythonSide side = PythonSide.start(standIn("echo 'result cpu-bound cpython-threads two 0.5 0.5'"))) {
            assertThatThrownBy(() -> side.round(1, SETTINGS)).hasMessageContaining("unreadable line from python3");
        }
    }

    @Test
    void aFailedRunReportsItsExitCodeAndLastErrorLine() throws Exception {
        try (PythonSide side = PythonSide.start(standIn("echo 'ImportError: no multiprocessing' >&2; exit 3"))) {
            assertThatThrownBy(() -> side.round(1, SETTINGS)).isInstanceOf(IOException.class)
                    .hasMessage("python3 exited with 3: ImportError: no multiprocessing");
        }
    }

    @Test
    void theScriptCopyIsOwnerOnlyAndGoneAfterClose() throws Exception {
        PythonSide side = PythonSide.start(standIn("exit 0"));
        Path copy = side.script();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy))).isEqualTo("rw-------");
        assertThat(Files.readString(copy)).contains("def countdown(n):");
        side.close();
        assertThat(copy).doesNotExist();
    }
}
