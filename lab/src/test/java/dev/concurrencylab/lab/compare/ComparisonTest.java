package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.StandInProgram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A tiny comparison, Java only: every point measured once per round, progress reported step by step. */
@Isolated // it counts every process this JVM started
class ComparisonTest {

    @Test
    void measuresEveryContenderAtEveryCountAndReportsEachStep() throws Exception {
        Settings settings = new Settings(true, 2, List.of(1, 2), Duration.ofMillis(40), Duration.ofMillis(20), false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8),
                Comparison.steps(settings, 0, false), false);

        Results results = new Comparison(settings, progress, List.of(), false).run();

        assertThat(results.samples()).hasSize(2 * 2 * 2 * 4);
        for (Workload workload : Workload.values()) {
            assertThat(results.contenders(workload)).containsExactly(Contender.PLATFORM_THREADS,
                    Contender.VIRTUAL_THREADS, Contender.GIL_THREADS, Contender.CHILD_JVMS);
        }
        assertThat(results.samples()).allSatisfy(sample -> assertThat(sample.wallSeconds()).isPositive());
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(Comparison.steps(settings, 0, false));
        assertThat(lines.getFirst()).startsWith("[1/32] round 1, sleep-bound, platform threads, 1 worker");
        assertThat(lines.getLast()).startsWith("[32/32] round 2, cpu-bound, child JVMs, 1 worker:");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-in python is a shell script")
    void aPythonThatFailsIsNotedAndTheJavaSideGoesOn(@TempDir Path directory) throws Exception {
        Path python = StandInProgram.write(directory.resolve("python3"), "echo 'SyntaxError: nope' >&2\nexit 1");
        Settings settings = new Settings(true, 2, List.of(1), Duration.ofMillis(20), Duration.ofMillis(10), true);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8),
                Comparison.steps(settings, 1, false), false);

        List<PythonInterpreter> pythons = PythonInterpreter.named(List.of(new PythonFacts(python, "3.99.0", true, "fork")));
        Results results = new Comparison(settings, progress, pythons, false).run();

        assertThat(results.pythonNotes()).containsExactly("python3 stopped in round 1: python3 exited with 1: SyntaxError: nope");
        assertThat(results.pythons()).isEqualTo(pythons);
        assertThat(results.samples()).hasSize(2 * 2 * 4).noneMatch(sample -> sample.contender().python());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("going on without it", "[16/16] round 2");
    }

    @Test
    void withClusterMembersTheyRunBesideTheOthersAndNoneOutlivesTheRun() throws Exception {
        Settings settings = new Settings(true, 1, List.of(1, 2), Duration.ofMillis(40), Duration.ofMillis(20), false);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(log, true, StandardCharsets.UTF_8),
                Comparison.steps(settings, 0, true), false);

        Results results = new Comparison(settings, progress, List.of(), true).run();

        assertThat(results.samples()).hasSize(2 * 2 * 5);
        for (Workload workload : Workload.values()) {
            assertThat(results.contenders(workload)).contains(Contender.CLUSTER_MEMBERS);
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("starting 2 Hazelcast members", "[20/20] round 1");
        Await.until("every member JVM to be gone", () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive));
    }
}
