package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.threading.ThreadBasicsLesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Notebook 004's claim: five threads sleeping S seconds finish in about S, not 5 S. */
class ThreadBasicsIT {

    @Test
    void sleepingThreadsOverlap() throws Exception {
        Observations seen = new ThreadBasicsLesson().run(LessonContext.silent(true));
        System.out.printf("thread-basics: 5 sleeps of %.2f s took %.3f s together%n",
                seen.number("sleep_s"), seen.number("wall_s"));
        // Sleeping uses no core, so this holds on a loaded machine too: it needs only a timer.
        assertThat(seen.number("wall_s")).isGreaterThanOrEqualTo(seen.number("sleep_s"))
                .isLessThan(seen.number("sequential_s") / 2);
    }
}
