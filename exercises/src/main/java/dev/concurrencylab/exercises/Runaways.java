package dev.concurrencylab.exercises;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads of the code under test that a grader interrupted and could not end: a loop deaf to
 * interrupts. They end with the grading JVM; until then, exploring schedules of the same code is
 * pointless (a loop with no lock or wait in it never hands the scheduler a turn), so
 * {@link Grading} skips it and says why.
 */
public final class Runaways {

    private static final List<Thread> LEFT = new ArrayList<>(); // guarded by itself

    private Runaways() {}

    /** A grader's thread that outlived its interrupt. */
    public static void left(Thread thread) {
        synchronized (LEFT) {
            LEFT.add(thread);
        }
    }

    /** A mark to pass to {@link #runningSince}: what was left before a grading is not that grading's. */
    static int mark() {
        synchronized (LEFT) {
            return LEFT.size();
        }
    }

    /** The names of the threads left since {@code mark} that are still running. */
    static List<String> runningSince(int mark) {
        synchronized (LEFT) {
            return LEFT.subList(mark, LEFT.size()).stream().filter(Thread::isAlive).map(Thread::getName).toList();
        }
    }
}
