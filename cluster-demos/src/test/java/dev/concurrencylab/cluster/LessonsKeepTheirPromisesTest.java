package dev.concurrencylab.cluster;

import dev.concurrencylab.core.testing.EveryLessonKeepsItsPromises;

import java.util.Set;

/** Every lesson of the cluster chapter, run quick, keeps the promises it declares. */
class LessonsKeepTheirPromisesTest extends EveryLessonKeepsItsPromises {

    /** Its members' heartbeats time out in 5 s in a quick run: starved of CPU, a live member could miss them. */
    @Override
    protected Set<String> alone() {
        return Set.of("member-failure");
    }
}
