package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The racy totals are statistical and only reported; what is asserted is what must hold on every
 * run: the forced schedule loses exactly one update, and every fix is exact.
 */
class RaceConditionLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new RaceConditionLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "expected", "racy_observed", "lost_updates", "synchronized_observed", "atomic_observed");
        assertThat(seen.number("lost_updates")).isEqualTo(seen.number("expected") - seen.number("racy_observed"));
    }

    @RepeatedTest(20)
    void theForcedScheduleLosesExactlyOneUpdateEveryTime() throws Exception {
        assertThat(RaceConditionLesson.forcedInterleaving(false)).isEqualTo(1);
    }

    @RepeatedTest(20)
    void withTheLockTheSameScheduleLosesNothing() throws Exception {
        assertThat(RaceConditionLesson.forcedInterleaving(true)).isEqualTo(2);
    }

    @Test
    void everyFixIsExact() {
        double expected = seen.number("expected");
        for (String fix : new String[] {"synchronized", "lock", "atomic", "adder", "coarse_lock"}) {
            assertThat(seen.number(fix + "_observed")).as(fix).isEqualTo(expected);
            assertThat(seen.number(fix + "_m_per_s")).as(fix + " throughput").isPositive();
        }
    }
}
