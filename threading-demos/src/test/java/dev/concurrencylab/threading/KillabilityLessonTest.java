package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class KillabilityLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new KillabilityLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "thread_still_running_after_interrupt", "process_destroyed");
    }

    @Test
    void aThreadCanOnlyBeAskedAProcessCanBeKilled() {
        assertThat(seen.flag("thread_stop_unsupported")).isTrue();
        assertThat(seen.flag("thread_still_running_after_interrupt")).isTrue();
        assertThat(seen.flag("interrupt_flag_set")).isTrue();
        assertThat(seen.flag("cooperative_thread_stopped")).isTrue();
        assertThat(seen.flag("process_destroyed")).isTrue();
        assertThat(seen.number("process_exit_code")).isNotZero();
    }
}
