package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What Thread.stop() answers, on this JDK and as JDK 26 answers a class compiled for 21. */
class KillabilityLessonTest {

    @Test
    void onThisJdkTheCompiledCallIsRefusedAndTheLessonSaysHow() throws Exception {
        Observations seen = new KillabilityLesson().run(LessonContext.silent(true));
        String expected = Runtime.version().feature() >= 26 ? "NoSuchMethodError" : "UnsupportedOperationException";
        assertThat(seen.get("thread_stop_answer")).isEqualTo(List.of(expected));
        assertThat(seen.flag("thread_stop_unsupported")).isTrue();
    }

    @Test
    void whereTheMethodIsGoneTheLinkErrorIsNamedNotThrown() {
        // JDK 26 links a call compiled for 21 to a method that no longer exists: NoSuchMethodError.
        String answer = KillabilityLesson.stopAnswer(() -> {
            throw new NoSuchMethodError("'void java.lang.Thread.stop()'");
        });
        assertThat(answer).isEqualTo("NoSuchMethodError");
        assertThat(KillabilityLesson.stopAnswer(() -> { })).isEqualTo(KillabilityLesson.STOP_RETURNED);
    }
}
