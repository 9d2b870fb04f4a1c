package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness only (the lesson itself fails if any variant computed a different checksum); the
 * speedups are asserted in integration-tests (CpuSpeedupIT).
 */
class CpuSpeedupLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new CpuSpeedupLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "available_processors", "workers", "threads_speedup", "gil_threads_speedup",
                "processes_speedup", "threads_parallelism", "gil_parallelism");
        assertThat(seen.number("workers")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void threadsUnderTheGilNeverRanTogether() {
        assertThat(seen.number("gil_parallelism")).isLessThanOrEqualTo(1.2);
    }
}
