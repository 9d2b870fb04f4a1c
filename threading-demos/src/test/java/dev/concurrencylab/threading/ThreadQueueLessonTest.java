package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadQueueLessonTest {

    private static final List<Integer> ZERO_TO_NINE = IntStream.range(0, 10).boxed().toList();
    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new ThreadQueueLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "received", "sender_stopped");
    }

    @Test
    void theReceiverTookTenInOrderAndStoppedTheSender() {
        assertThat(seen.get("received")).isEqualTo(ZERO_TO_NINE);
        assertThat(seen.flag("sender_stopped")).isTrue();
    }

    @Test
    void thePoisonPillEndsTheConsumerAfterEveryValue() {
        assertThat(seen.get("poison_pill_consumed")).isEqualTo(ZERO_TO_NINE);
        assertThat(seen.flag("poison_pill_stopped")).isTrue();
    }

    @Test
    void aFlagCannotReachABlockedTakeButAnInterruptCan() {
        assertThat(seen.flag("flag_left_take_blocked")).isTrue();
        assertThat(seen.flag("blocked_take_woken_by_interrupt")).isTrue();
    }
}
