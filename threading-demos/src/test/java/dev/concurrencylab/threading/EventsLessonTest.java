package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/** The plain-flag result depends on the JIT: it is reported, never asserted. */
class EventsLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new EventsLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "stopped", "stop_latency_ms", "plain_flag_stopped");
    }

    @Test
    void volatileAndEventStopTheirThreads() {
        assertThat(seen.flag("stopped")).isTrue();
        assertThat(seen.number("stop_latency_ms")).isNotNegative();
        // The Event waiter waits in periods of 1 s; being woken by set() is what makes it early.
        assertThat(seen.number("event_stop_latency_ms")).isNotNegative().isLessThan(1000);
    }
}
