package dev.concurrencylab.core.lesson;

import java.util.List;

/**
 * The order of the chapters, as in {@code shared/docs/LESSONS.md}. Discovery does not depend on
 * it (lessons are found with {@link java.util.ServiceLoader}); it only tells the tour which
 * lesson comes first. A lesson missing here still runs, after the listed ones.
 */
public final class Curriculum {

    private Curriculum() {}

    /** Lesson ids in reading order. */
    public static final List<String> ORDER = List.of(
            // threading-demos
            "thread-basics", "sleep-speedup", "cpu-speedup", "gil", "race-condition", "locks",
            "events", "thread-queue", "thread-pool", "virtual-threads", "killability", "thread-leaks",
            // process-demos
            "process-basics", "memory-isolation", "start-methods", "process-pool", "process-queue",
            "terminate",
            // ipc
            "pipes", "socket-queue", "shared-memory", "ipc-throughput");

    /** Position in the curriculum, or {@link Integer#MAX_VALUE} for an unlisted lesson. */
    static int position(String id) {
        int index = ORDER.indexOf(id);
        return index < 0 ? Integer.MAX_VALUE : index;
    }
}
