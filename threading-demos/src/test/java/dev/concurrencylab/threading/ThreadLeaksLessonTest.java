package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadLeaksLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new ThreadLeaksLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "leaked_bytes_retained", "jvm_kept_alive");
    }

    @Test
    void aNonDaemonThreadKeepsTheJvmAlive() {
        assertThat(seen.flag("jvm_kept_alive")).isTrue();
    }

    @Test
    void aPoolThreadsThreadLocalHoldsItsValueUntilRemoved() {
        assertThat(seen.number("leaked_bytes_retained")).isEqualTo(ThreadLeaksLesson.BUFFER_BYTES);
        assertThat(seen.flag("released_after_remove")).isTrue();
    }
}
