package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.threading.RaceConditionLesson;

import org.junit.jupiter.api.RepeatedTest;

import static dev.concurrencylab.core.testing.LessonChecks.assertKeepsItsPromises;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races, through the lesson a reader runs: the forced schedule loses an update every time (and
 * the lock makes the same schedule exact), and every fix gives exactly threads x additions, run
 * after run. How much the unforced racy counters lose varies and is only printed.
 */
class RacesIT {

    @RepeatedTest(3)
    void theForcedScheduleAlwaysLosesAnUpdateAndEveryFixIsExact() throws Exception {
        RaceConditionLesson lesson = new RaceConditionLesson();
        Observations seen = lesson.run(LessonContext.silent(true));
        assertKeepsItsPromises(lesson, seen);

        assertThat(seen.number("forced_interleaving_observed")).as("two forced increments without a lock").isEqualTo(1);
        assertThat(seen.number("forced_interleaving_with_lock_observed")).as("the same schedule with the lock").isEqualTo(2);

        double expected = seen.number("expected");
        for (String fix : new String[] {"synchronized", "lock", "atomic", "adder", "coarse_lock"}) {
            assertThat(seen.number(fix + "_observed")).as(fix).isEqualTo(expected);
        }
        System.out.printf("race-condition: the racy counter lost %,.0f of %,.0f%n", seen.number("lost_updates"), expected);
    }
}
