package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness of the lesson. Its speed claims (GIL speedup at most 1.2, sleeping threads at least
 * 1.5x, free threads' parallelism) are asserted in integration-tests, GilLessonIT.
 */
class GilLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new GilLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "switch_interval_ms", "handoffs", "cpu_speedup_under_gil", "io_speedup_under_gil");
        assertThat(seen.number("switch_interval_ms")).isEqualTo(5.0);
    }

    @Test
    void threadsUnderTheGilSwitchedAndNeverRanTogether() {
        assertThat(seen.number("handoffs")).isPositive();
        // Only the workers' own CPU time counts, and a waiting worker is parked: this is a property
        // of the lock, not a timing, and a busy machine can only push it lower.
        assertThat(seen.number("gil_parallelism")).isLessThanOrEqualTo(1.2);
    }

    @Test
    void aShorterSwitchIntervalMeansMoreHandoffs() {
        // A handoff needs a waiter to sit out a whole interval first, so 20 ms allows at most
        // about 50 per second; 1 ms allows up to about 1000.
        assertThat(seen.number("handoffs_per_s_at_20ms")).isPositive();
        assertThat(seen.number("handoffs_per_s_at_1ms")).isGreaterThan(seen.number("handoffs_per_s_at_20ms"));
    }
}
