package dev.concurrencylab.lab;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.testing.StandInProgram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code compare --python PATH}, more than once: each interpreter runs under its own name and is
 * labelled with what it said it is. The real CPython on PATH runs under two names; a stand-in
 * script plays a free-threaded 3.14 whose GIL is off and whose start method is forkserver.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the named interpreters are POSIX shell scripts")
class CompareCommandTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int compare(String... args) {
        List<String> command = new ArrayList<>(List.of("compare"));
        command.addAll(List.of(args));
        return ConcurrencyLab.execute(new ConcurrencyLab(Lessons.of(List.of()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), command.toArray(String[]::new));
    }

    private Path script(String name, String body) throws IOException, InterruptedException {
        return StandInProgram.write(directory.resolve(name), body);
    }

    @Test
    void everyInterpreterIsChartedUnderItsOwnNameWithItsVersionGilAndStartMethod() throws Exception {
        PythonFacts real = PythonFacts.onPath().orElse(null);
        assumeTrue(real != null, "no CPython 3 on PATH to run under two names");
        // The interpreter itself, not a launcher shim that picks a version by its own name.
        String executable = Executables.run(List.of(real.executable().toString(), "-c", "import sys; print(sys.executable)"),
                Timeouts.seconds(20)).stdout().getLast().strip();
        Path one = script("cpython-one", "exec '" + executable + "' \"$@\"");
        Path two = script("cpython-two", "exec '" + executable + "' \"$@\"");
        Path freeThreaded = script("python3.14t", """
                if [ "$1" = "-c" ]; then echo '3.14.0 nogil forkserver'; exit 0; fi
                printf 'python 3.14.0\\ncount 1000\\n'
                for workload in sleep-bound cpu-bound; do
                  for kind in cpython-threads cpython-processes; do echo "result $workload $kind 1 0.25 0.25"; done
                done""");
        Path report = directory.resolve("report");

        int code = compare("--quick", "--rounds", "1", "--max-workers", "1", "--python", one.toString(), "--python",
                two.toString(), "--python", freeThreaded.toString(), "--out", report.toString());

        assertThat(code).as("exit code; stderr: " + err).isZero();
        String version = real.version();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "cpython-one threads (CPython " + version + ", GIL on)",
                "cpython-two multiprocessing (CPython " + version + ", " + real.defaultStartMethod() + ")",
                "python3.14t threads (CPython 3.14.0, GIL off)",
                "python3.14t multiprocessing (CPython 3.14.0, forkserver)");
        JsonNode json = new ObjectMapper().readTree(report.resolve("results.json").toFile());
        JsonNode pythons = json.get("machine").get("pythons");
        assertThat(pythons.findValuesAsText("name")).containsExactly("cpython-one", "cpython-two", "python3.14t");
        assertThat(pythons.get(2).get("gil_enabled").asBoolean()).isFalse();
        assertThat(pythons.get(2).get("default_start_method").asText()).isEqualTo("forkserver");
        assertThat(pythons.get(0).get("version").asText()).isEqualTo(version);
        assertThat(json.get("samples").findValuesAsText("contender")).contains("cpython-threads", "cpython-threads@cpython-two",
                "cpython-processes@python3.14t");
        assertThat(Files.readString(report.resolve("index.html"))).contains("python3.14t: CPython 3.14.0 (GIL disabled");
    }

    @Test
    void aPathThatIsNoInterpreterIsAUsageErrorBeforeAnythingIsMeasured() throws Exception {
        assertThat(compare("--quick", "--python", directory.resolve("missing").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such executable file");
        err.reset();
        Path silent = script("python2", "echo 'Python 2.7.18' >&2; exit 1");
        assertThat(compare("--quick", "--python", silent.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("did not answer as CPython 3").doesNotContain("round 1");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
