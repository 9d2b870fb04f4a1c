package dev.concurrencylab.threading;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forced schedule, many times over: it must lose exactly one update on every run, and none
 * under the lock. (The whole lesson is held to its outcomes by {@link LessonsKeepTheirPromisesTest}.)
 */
class RaceConditionLessonTest {

    @RepeatedTest(20)
    void theForcedScheduleLosesExactlyOneUpdateEveryTime() throws Exception {
        assertThat(RaceConditionLesson.forcedInterleaving(false)).isEqualTo(1);
    }

    @RepeatedTest(20)
    void withTheLockTheSameScheduleLosesNothing() throws Exception {
        assertThat(RaceConditionLesson.forcedInterleaving(true)).isEqualTo(2);
    }
}
