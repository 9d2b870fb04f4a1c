package dev.concurrencylab.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a state that nothing signals: a thread being parked on a lock, the JVM reporting a
 * deadlock, a child's file appearing. The one polling loop of the project: lessons, graders and
 * tests (through {@code Await}) all wait with it. The condition is checked every
 * {@value #PAUSE_NANOS} ns; the limit only guards against a hang, and callers pass it scaled
 * ({@link Timeouts}).
 */
public final class Poll {

    private static final long PAUSE_NANOS = 100_000;

    private Poll() {}

    /**
     * Returns once {@code condition} holds.
     *
     * @throws IllegalStateException naming {@code what} if it does not hold within {@code limit}
     * @throws InterruptedException  if the waiting thread is interrupted
     */
    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("waited " + limit + " for " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + what);
            }
        }
    }

    /**
     * Whether {@code condition} came to hold within {@code limit}: for a wait whose running out is
     * an answer (a grader's "had not returned after 10 s"), not an error. An interrupt does not
     * end it early; the limit does.
     */
    public static boolean holdsWithin(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return true;
    }
}
