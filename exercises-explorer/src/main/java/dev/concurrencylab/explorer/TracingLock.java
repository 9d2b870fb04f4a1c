package dev.concurrencylab.explorer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** A reentrant lock that puts its taking and giving back into the trace. */
final class TracingLock implements Lock {
    private final ReentrantLock lock = new ReentrantLock();
    private final String name;

    TracingLock(String name) {
        this.name = name;
    }

    @Override
    public void lock() {
        Trace.event("locks " + name);
        lock.lock();
        Trace.event("holds " + name);
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        Trace.event("locks " + name);
        lock.lockInterruptibly();
        Trace.event("holds " + name);
    }

    @Override
    public boolean tryLock() {
        boolean locked = lock.tryLock();
        Trace.event((locked ? "holds " : "tries and fails to lock ") + name);
        return locked;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        boolean locked = lock.tryLock(time, unit);
        Trace.event((locked ? "holds " : "gives up waiting for ") + name);
        return locked;
    }

    @Override
    public void unlock() {
        Trace.event("unlocks " + name);
        lock.unlock();
    }

    @Override
    public Condition newCondition() {
        return lock.newCondition();
    }
}
