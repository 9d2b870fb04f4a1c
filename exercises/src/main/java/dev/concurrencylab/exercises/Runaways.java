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

    /** Whether a thread some grading left is still running: a JVM that grades several exercises starts afresh. */
    public static boolean anyRunning() {
        synchronized (LEFT) {
            return LEFT.stream().anyMatch(Thread::isAlive);
        }
    }

    /**
     * The names of the threads left in {@code grading} (or a group under it) that are still
     * running: not another grading's, even one running at the same time in this JVM.
     */
    static List<String> runningIn(ThreadGroup grading) {
        synchronized (LEFT) {
            LEFT.removeIf(thread -> !thread.isAlive());
            return LEFT.stream().filter(thread -> isIn(thread.getThreadGroup(), grading)).map(Thread::getName).toList();
        }
    }

    private static boolean isIn(ThreadGroup group, ThreadGroup grading) {
        return group != null && grading.parentOf(group); // null: the thread has just ended
    }
}
