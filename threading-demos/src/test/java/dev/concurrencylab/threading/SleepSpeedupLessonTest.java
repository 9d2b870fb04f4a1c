package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/** Correctness only; the speedups are asserted in integration-tests (SleepSpeedupIT). */
class SleepSpeedupLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new SleepSpeedupLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "sequential_s", "threads_s", "virtual_threads_s", "processes_s",
                "threads_speedup", "processes_speedup");
    }

    @Test
    void nothingFinishedBeforeItsSleepsCouldHave() {
        double sleep = seen.number("sleep_s");
        assertThat(seen.number("sequential_s")).isGreaterThanOrEqualTo(4 * sleep);
        for (String parallel : new String[] {"threads_s", "virtual_threads_s", "processes_s"}) {
            assertThat(seen.number(parallel)).as(parallel).isGreaterThanOrEqualTo(sleep);
        }
    }

    @Test
    void twoThreadsComputeWhatOneThreadComputes() {
        assertThat(seen.flag("square_cube_same_results")).isTrue();
    }
}
