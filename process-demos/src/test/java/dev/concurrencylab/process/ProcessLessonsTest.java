package dev.concurrencylab.process;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness of the process lessons. Each starts and ends its own child JVMs (closing them also
 * on failure), so nothing is left behind; speeds are reported, not asserted.
 */
class ProcessLessonsTest {

    private static Observations run(dev.concurrencylab.core.lesson.Lesson lesson) throws Exception {
        return lesson.run(LessonContext.silent(true));
    }

    @Test
    void processBasicsStartsOneNamedChildPerCoreAndWaitsForAll() throws Exception {
        Observations seen = run(new ProcessBasicsLesson());
        assertHasKeys(seen, "children", "pids_distinct", "all_exited_zero", "wall_s");
        assertThat(seen.number("children")).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(seen.flag("pids_distinct")).isTrue();
        assertThat(seen.flag("all_exited_zero")).isTrue();
        assertThat((List<?>) seen.get("answers")).first().asString().startsWith("5 doubled to 10 by: Process-1");
    }

    @Test
    void aThreadSharesTheParentsListAChildJvmDoesNot() throws Exception {
        Observations seen = run(new MemoryIsolationLesson());
        assertHasKeys(seen, "after_thread", "after_process", "child_saw");
        assertThat(seen.get("after_thread")).isEqualTo(List.of(4L, 16L, 64L, 81L));
        assertThat(seen.get("after_process")).isEqualTo(List.of());
        assertThat(seen.get("child_saw")).isEqualTo(List.of(8L, 64L, 512L, 729L));
    }

    @Test
    void startMethodsMeasuresBothMechanismsAndAChildJvm() throws Exception {
        Observations seen = run(new StartMethodsLesson());
        assertHasKeys(seen, "launch_ms_posix_spawn", "launch_ms_fork", "child_jvm_ms");
        assertThat(seen.number("child_jvm_ms")).isPositive();
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(seen.number("launch_ms_posix_spawn")).isPositive();
            assertThat(seen.number("launch_ms_fork")).isPositive();
        }
    }

    @Test
    void processPoolMapsInOrderAndReportsAFailure() throws Exception {
        Observations seen = run(new ProcessPoolLesson());
        assertHasKeys(seen, "workers", "tasks", "results_in_order", "per_task_us");
        assertThat(seen.flag("results_in_order")).isTrue();
        assertThat(seen.flag("failure_reported")).isTrue();
        assertThat(seen.flag("usable_after_failure")).isTrue();
        assertThat(seen.number("chunksize")).isEqualTo(Math.ceil(1024.0 / (4 * seen.number("workers"))));
    }

    @Test
    void processQueueTakesTenThenTerminatesTheSender() throws Exception {
        Observations seen = run(new ProcessQueueLesson());
        assertHasKeys(seen, "received", "sender_terminated");
        assertThat(seen.get("received")).isEqualTo(IntStream.range(0, 10).boxed().toList());
        assertThat(seen.flag("sender_terminated")).isTrue();
    }

    @Test
    void terminateShowsGracefulForcedWatchdogAndTree() throws Exception {
        Observations seen = run(new TerminateLesson());
        assertHasKeys(seen, "graceful_exit_code", "forced", "tree_killed");
        assertThat(seen.flag("forced")).isTrue();
        assertThat(seen.flag("watchdog_killed")).isTrue();
        assertThat(seen.flag("tree_killed")).isTrue();
        if (!System.getProperty("os.name").startsWith("Windows")) {
            assertThat(seen.flag("hook_ran")).isTrue(); // SIGTERM runs hooks; Windows has no SIGTERM
            assertThat(seen.number("graceful_exit_code")).isEqualTo(143);
            assertThat(seen.number("forced_exit_code")).isEqualTo(137);
        }
    }
}
