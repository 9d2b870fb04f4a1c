package dev.concurrencylab.exercises.wrong;

import java.util.function.BooleanSupplier;

/**
 * A helper a student might write to keep a buffer short: a monitor with one wait set, whose
 * {@link #wakeOne()} is {@code notify()}. Its caller holds its lock. The mistake it carries sits
 * outside the buffer's class, where a grader that copies only that class would not see it.
 */
public final class OneWaitSet {

    /** Waits on this monitor while {@code blocked} holds. */
    public void waitWhile(BooleanSupplier blocked) throws InterruptedException {
        while (blocked.getAsBoolean()) {
            wait();
        }
    }

    /** Wakes one waiter, whichever kind it is. */
    public void wakeOne() {
        notify();
    }
}
