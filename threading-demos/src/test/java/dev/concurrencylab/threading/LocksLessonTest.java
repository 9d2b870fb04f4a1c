package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class LocksLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new LocksLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "deadlock_detected", "recovered");
    }

    @Test
    void theDeadlockIsFoundNamedAndBroken() {
        assertThat(seen.flag("deadlock_detected")).isTrue();
        assertThat(seen.get("deadlocked_threads")).isEqualTo(List.of("crossing-1", "crossing-2"));
        assertThat(seen.flag("recovered")).isTrue();
        assertThat(seen.flag("ordered_completed")).isTrue();
    }

    @Test
    void finallyReleasesAndTryLockGivesUp() {
        assertThat(seen.flag("released_after_exception")).isTrue();
        assertThat(seen.flag("try_lock_timed_out")).isTrue();
        assertThat(seen.number("try_lock_waited_ms")).isGreaterThanOrEqualTo(100);
    }
}
