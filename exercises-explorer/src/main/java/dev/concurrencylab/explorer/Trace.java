package dev.concurrencylab.explorer;

import java.util.ArrayList;
import java.util.List;

/**
 * What the threads of one schedule did, in the order they did it: {@code consumer-1: take()}.
 * Under the controlled scheduler one thread runs at a time, and it hands over only at a
 * synchronization point, so a plain list records the events in their order; and, having no lock
 * or atomic of its own, recording adds no switch point that would split an event from what it
 * records (a read from the value it read).
 */
final class Trace {

    private static List<String> lines = new ArrayList<>();
    private static boolean frozen;

    private Trace() {}

    /** Starts the trace of a new schedule. */
    static void begin() {
        lines = new ArrayList<>();
        frozen = false;
    }

    /** Records what the current thread does now. */
    static void event(String what) {
        if (!frozen) {
            lines.add(Thread.currentThread().getName() + ": " + what);
        }
    }

    /**
     * Ends the trace at a deadlock: the scheduler reports it, then lets the threads run out, and
     * what they do after that is not part of the schedule that failed.
     */
    static void freezeAt(Throwable failure) {
        if (Explorer.isDeadlock(failure)) {
            frozen = true;
        }
    }

    /** The lines of the last schedule. */
    static List<String> lines() {
        return List.copyOf(lines);
    }
}
