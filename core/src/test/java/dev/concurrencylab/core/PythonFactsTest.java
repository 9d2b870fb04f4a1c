package dev.concurrencylab.core;

import dev.concurrencylab.core.testing.StandInProgram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in interpreters are shell scripts")
class PythonFactsTest {

    private static Path standIn(Path directory, String name, String script) throws IOException, InterruptedException {
        return StandInProgram.write(directory.resolve(name), script);
    }

    @Test
    void aFreeThreadedBuildIsReportedWithItsGilDisabled(@TempDir Path directory) throws Exception {
        Path python = standIn(directory, "python3.14t", "echo '3.14.0 nogil forkserver'");
        assertThat(PythonFacts.of(python)).hasValueSatisfying(facts -> {
            assertThat(facts.version()).isEqualTo("3.14.0");
            assertThat(facts.gilEnabled()).isFalse();
            assertThat(facts.defaultStartMethod()).isEqualTo("forkserver");
            assertThat(facts.describe()).isEqualTo("CPython 3.14.0 (GIL disabled: a free-threaded build; multiprocessing starts with forkserver)");
        });
    }

    @Test
    void anInterpreterThatFailsOrAnswersSomethingElseGivesNoFacts(@TempDir Path directory) throws Exception {
        assertThat(PythonFacts.of(standIn(directory, "broken", "echo 'SyntaxError' >&2; exit 1"))).isEmpty();
        assertThat(PythonFacts.of(standIn(directory, "chatty", "echo 'hello'"))).isEmpty();
        assertThat(PythonFacts.of(directory.resolve("missing"))).isEmpty();
    }

    @Test
    void theRealPythonOnPathIfAnyAnswersTheProbe() {
        // Where a python3 is installed, the probe must parse its answer (the CI machine has one).
        Executables.onPath("python3").ifPresent(python -> assertThat(PythonFacts.of(python))
                .as("the probe's answer from " + python).isPresent());
    }
}
