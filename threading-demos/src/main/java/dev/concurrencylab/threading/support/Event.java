package dev.concurrencylab.threading.support;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A flag that threads can wait for: the counterpart of Python's {@code threading.Event}.
 *
 * <p>{@link #set()} raises it and wakes every waiter; {@link #clear()} lowers it again;
 * {@link #await(Duration)} waits until it is raised or the time is up. Unlike a
 * {@link java.util.concurrent.CountDownLatch}, it can be cleared and reused.
 *
 * <p>Memory consistency effects: actions in a thread before {@link #set()} happen-before actions
 * in a thread after {@link #isSet()} or {@link #await} saw the flag raised.
 */
public final class Event {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean flag; // guarded by lock

    /** Raises the flag and wakes all waiters. */
    public void set() {
        lock.lock();
        try {
            flag = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Lowers the flag. */
    public void clear() {
        lock.lock();
        try {
            flag = false;
        } finally {
            lock.unlock();
        }
    }

    public boolean isSet() {
        lock.lock();
        try {
            return flag;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the flag is raised or {@code timeout} passes; returns the flag, as Python's
     * {@code Event.wait(timeout)} does.
     */
    public boolean await(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (!flag && left > 0) {
                left = raised.awaitNanos(left);
            }
            return flag;
        } finally {
            lock.unlock();
        }
    }
}
