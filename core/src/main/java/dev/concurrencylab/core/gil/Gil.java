package dev.concurrencylab.core.gil;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A simulated global interpreter lock, built the way CPython builds its own
 * ({@code Python/ceval_gil.c}, the "new GIL" of Python 3.2 onwards).
 *
 * <h2>Overview</h2>
 * One thread holds the lock and runs; the others wait. A waiting thread does not spin: it sleeps
 * on a condition for one <em>switch interval</em> (5 ms by default, {@code sys.setswitchinterval}
 * in Python). If the interval passes and nobody has switched in the meantime, it raises a
 * <em>drop request</em>. The holder checks that request at every {@link #tick()} (CPython's
 * "eval breaker": from 3.10 on it is checked on loop back-edges and calls, before that between
 * almost any two bytecodes), releases the lock, and then waits until another thread has taken it
 * ("forced switching"), so that it cannot just grab it back. A thread about to block (sleep, read
 * a socket) releases the lock for the whole call, which is why I/O-bound Python threads overlap
 * and CPU-bound ones take turns.
 *
 * <p>The consequence this class exists to show: N CPU-bound threads under it finish no sooner than
 * one thread doing all the work, and their parallelism (CPU time / wall time) stays near 1, on any
 * number of cores.
 *
 * <p>What it models: the GIL of CPython 3.2 and later in its ordinary builds (the free-threaded
 * builds of 3.13 and 3.14 run without one unless it is turned back on). Where the check happens differs between versions, as said
 * above; a workload here ticks once per loop iteration, which is where every version checks.
 *
 * <p>Memory consistency effects: as with any lock, actions of a thread before it releases the GIL
 * happen-before actions of the thread that takes it next.
 */
public final class Gil implements Interpreter {

    /** CPython's default switch interval. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when the GIL is released: a waiter may take it. */
    private final Condition released = mutex.newCondition();
    /** Signalled when the GIL changes hands (or a waiter leaves): a dropping holder may go on. */
    private final Condition switched = mutex.newCondition();

    // @GuardedBy("mutex")
    private Thread holder;
    // @GuardedBy("mutex")
    private Thread lastHolder;
    // @GuardedBy("mutex")
    private long switchNumber;
    // @GuardedBy("mutex")
    private int waiting;
    // @GuardedBy("mutex")
    private long handoffs;
    // @GuardedBy("mutex")
    private long dropRequests;

    /** Read at every tick without the mutex, so it is volatile (CPython: {@code eval_breaker}). */
    private volatile boolean dropRequested;
    private volatile long switchIntervalNanos;
    private GilEvents.Held holding; // the holder's current hold, for the flight recorder; only the holder touches it

    public Gil() {
        this(DEFAULT_SWITCH_INTERVAL);
    }

    public Gil(Duration switchInterval) {
        setSwitchInterval(switchInterval);
    }

    /** The counterpart of {@code sys.setswitchinterval}. */
    public void setSwitchInterval(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("switch interval must be positive, not " + interval);
        }
        switchIntervalNanos = interval.toNanos();
    }

    public Duration switchInterval() {
        return Duration.ofNanos(switchIntervalNanos);
    }

    @Override
    public <T> T run(Callable<T> code) throws Exception {
        acquire();
        try {
            return code.call();
        } finally {
            release();
        }
    }

    @Override
    public void tick() {
        if (dropRequested) {
            dropAndRetake();
        }
    }

    @Override
    public void blocking(BlockingAction action) throws InterruptedException {
        release();
        try {
            action.run();
        } finally {
            acquire();
        }
    }

    /** How many times the GIL passed from one thread to a different one. */
    public long handoffs() {
        mutex.lock();
        try {
            return handoffs;
        } finally {
            mutex.unlock();
        }
    }

    /** How many times a waiter asked the holder to drop the GIL. */
    public long dropRequests() {
        mutex.lock();
        try {
            return dropRequests;
        } finally {
            mutex.unlock();
        }
    }

    /** The thread holding the GIL now, or null. */
    public Thread holder() {
        mutex.lock();
        try {
            return holder;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Takes the GIL, waiting as CPython's {@code take_gil} does. Not interruptible, as in CPython;
     * an interrupt that arrives while waiting is kept for the caller to see.
     */
    void acquire() {
        Thread me = Thread.currentThread();
        boolean interrupted = false;
        GilEvents.Wait wait = new GilEvents.Wait();
        wait.begin();
        mutex.lock();
        try {
            if (holder == me) {
                throw new IllegalStateException(me + " already holds the GIL");
            }
            waiting++;
            try {
                while (holder != null) {
                    long seenSwitch = switchNumber;
                    long left = switchIntervalNanos;
                    try {
                        while (holder != null && left > 0) {
                            left = released.awaitNanos(left);
                        }
                    } catch (InterruptedException e) {
                        interrupted = true;
                        continue;
                    }
                    if (holder != null && switchNumber == seenSwitch) {
                        // A whole interval went by and the holder kept the GIL: ask it to drop.
                        if (!dropRequested) {
                            dropRequests++;
                        }
                        dropRequested = true;
                        wait.dropRequested = true;
                    }
                }
            } finally {
                waiting--;
            }
            holder = me;
            if (lastHolder != null && lastHolder != me) {
                handoffs++;
            }
            lastHolder = me;
            switchNumber++;
            dropRequested = false;
            switched.signalAll();
            wait.commit();
            holding = new GilEvents.Held();
            holding.begin();
        } finally {
            mutex.unlock();
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    /** Releases the GIL; only its holder may. */
    void release() {
        mutex.lock();
        try {
            releaseLocked();
        } finally {
            mutex.unlock();
        }
    }

    // @GuardedBy("mutex")
    private void releaseLocked() {
        if (holder != Thread.currentThread()) {
            throw new IllegalMonitorStateException(
                    Thread.currentThread() + " does not hold the GIL (holder: " + holder + ")");
        }
        holder = null;
        holding.commit();
        released.signal();
    }

    /** The holder's answer to a drop request: release, let another thread take it, take it back. */
    private void dropAndRetake() {
        GilEvents.Drop drop = new GilEvents.Drop();
        drop.begin();
        mutex.lock();
        try {
            long seenSwitch = switchNumber;
            releaseLocked();
            while (switchNumber == seenSwitch && waiting > 0) {
                // Bounded so that a waiter that went away cannot strand us.
                switched.await(switchIntervalNanos, TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            mutex.unlock();
            drop.commit();
        }
        acquire();
    }
}
