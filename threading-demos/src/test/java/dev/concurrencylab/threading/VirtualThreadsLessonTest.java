package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/** Correctness only; the speedup is asserted in integration-tests (VirtualThreadsIT). */
class VirtualThreadsLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new VirtualThreadsLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "tasks", "platform_pool_s", "virtual_s", "speedup");
        assertThat(seen.number("tasks")).isEqualTo(10_000);
    }

    @Test
    void thePoolCannotBeatItsOwnLimit() {
        // A pool of n threads has at most n sleeps in progress: tasks × sleep / n is a floor.
        double floor = seen.number("tasks") * seen.number("sleep_ms") / 1000 / seen.number("pool_threads");
        assertThat(seen.number("platform_pool_s")).isGreaterThanOrEqualTo(floor);
    }
}
