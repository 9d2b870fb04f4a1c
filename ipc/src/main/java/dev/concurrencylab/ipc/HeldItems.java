package dev.concurrencylab.ipc;

import java.io.EOFException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue host's items, in order, and the bytes they hold (queued, or handed to a consumer and
 * not yet acknowledged) against its budget, {@link QueueHost.Limits#maxHeldBytes}: a producer
 * whose items would pass it waits until consumers acknowledge enough; a large frame's room is
 * {@link #reserve reserved} before its payload is read, so that it waits costing nothing. Nothing
 * held admits anything, so that a small frame in a budget smaller than itself still gets in.
 * Waits are on a lock's condition, not a monitor: the serving threads are virtual, and on JDK 21
 * one waiting in {@code Object.wait} would hold its carrier. Every wait looks at its client's
 * socket now and then, so that one who hung up meanwhile frees its slot.
 */
final class HeldItems {

    private final BlockingDeque<byte[]> items = new LinkedBlockingDeque<>();
    private final long maxHeldBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private long held; // guarded by lock
    private final AtomicInteger waitingForRoom = new AtomicInteger();
    private final AtomicInteger waitingForItems = new AtomicInteger();

    HeldItems(long maxHeldBytes) {
        this.maxHeldBytes = maxHeldBytes;
    }

    int size() {
        return items.size();
    }

    long heldBytes() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    /** The host's own put: never waits for room, but counts. */
    void putFromTheHost(byte[] item) {
        change(item.length);
        items.addLast(item);
    }

    /** A producer's items, once there is room for them; a producer that hangs up meanwhile ends the wait with an exception. */
    void put(List<byte[]> put, FrameReader producer) throws InterruptedException, IOException {
        reserve(bytes(put), producer);
        put.forEach(items::addLast);
    }

    /**
     * Holds {@code bytes} for a frame whose payload is not read yet, once there is room: a large
     * frame waits for room before the host takes any memory for it. A producer that hangs up
     * meanwhile ends the wait with an exception.
     */
    void reserve(long bytes, FrameReader producer) throws InterruptedException, IOException {
        waitingForRoom.incrementAndGet();
        try {
            while (!tryHold(bytes)) {
                if (producer.streamEnded()) {
                    throw new EOFException("hung up while its PUT waited for room");
                }
            }
        } finally {
            waitingForRoom.decrementAndGet();
        }
    }

    /** Producers waiting for room now (or about to find there is some). */
    int waitingForRoom() {
        return waitingForRoom.get();
    }

    /** Consumers whose TAKE waits for an item now. */
    int waitingForItems() {
        return waitingForItems.get();
    }

    /** A producer's items, read into room {@link #reserve reserved} for their frame: what the frame's framing took is free again. */
    void putReserved(List<byte[]> put, long reserved) {
        change(bytes(put) - reserved);
        put.forEach(items::addLast);
    }

    /** Room reserved for a frame that held no items to keep (or failed to parse) is free again. */
    void release(long reserved) {
        change(-reserved);
    }

    long maxHeldBytes() {
        return maxHeldBytes;
    }

    /** A consumer acknowledged {@code batch} (none, if empty): its bytes are free. */
    void acknowledge(List<byte[]> batch) {
        if (!batch.isEmpty()) {
            change(-bytes(batch));
        }
    }

    /** A batch its consumer did not acknowledge: back to the head, in its order, still held. */
    void putBack(List<byte[]> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            items.addFirst(batch.get(i));
        }
    }

    /** Holds {@code bytes} if they fit (or nothing is held); else waits up to {@link #CLIENT_CHECK} for a release and says false. */
    private boolean tryHold(long bytes) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            if (held == 0 || held + bytes <= maxHeldBytes) {
                held += bytes;
                return true;
            }
            released.await(CLIENT_CHECK.toNanos(), TimeUnit.NANOSECONDS);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code delta} to the bytes held; a release wakes the producers waiting for room. */
    private void change(long delta) {
        lock.lock();
        try {
            held += delta;
            if (delta < 0) {
                released.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private static long bytes(List<byte[]> items) {
        long bytes = 0;
        for (byte[] item : items) {
            bytes += item.length;
        }
        return bytes;
    }

    /**
     * Waits for one item (up to the timeout; -1 for ever), then adds whatever else is there, up to
     * {@code max} items and no more than fit in one reply frame of {@code frameBytes}: a legal
     * TAKE of Integer.MAX_VALUE items gets the items that fit, the rest stay queued.
     */
    List<byte[]> takeUpTo(int max, long timeoutMillis, int frameBytes, FrameReader taker)
            throws InterruptedException, IOException {
        byte[] first = awaitFirstItem(timeoutMillis, taker);
        if (first == null) {
            return List.of();
        }
        List<byte[]> batch = new ArrayList<>(Math.min(max, 1 + Math.min(items.size(), 4096)));
        batch.add(first);
        long bytes = 1 + 4 + 4 + first.length; // op, count, then a length and the bytes per item
        while (batch.size() < max) {
            byte[] next = items.pollFirst();
            if (next == null) {
                break;
            }
            if (bytes + 4 + next.length > frameBytes) {
                items.addFirst(next);
                break;
            }
            batch.add(next);
            bytes += 4 + next.length;
        }
        return batch;
    }

    /** How often a TAKE that waits for an item, or a PUT that waits for room, looks whether its client has hung up. */
    static final Duration CLIENT_CHECK = Duration.ofMillis(100);

    /**
     * An item, or null once {@code timeoutMillis} have passed (-1: wait for ever). Every
     * {@link #CLIENT_CHECK} the wait looks at the taker's socket: a taker that has hung up ends it
     * with an exception, so that its slot is free again, however long it asked to wait.
     */
    private byte[] awaitFirstItem(long timeoutMillis, FrameReader taker) throws InterruptedException, IOException {
        byte[] first = items.pollFirst();
        if (first != null) {
            return first;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
        waitingForItems.incrementAndGet();
        try {
            while (true) {
                long left = timeoutMillis < 0 ? CLIENT_CHECK.toNanos() : Math.min(CLIENT_CHECK.toNanos(), deadline - System.nanoTime());
                byte[] item = items.pollFirst(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (item != null || timeoutMillis >= 0 && deadline - System.nanoTime() <= 0) {
                    return item;
                }
                if (taker.streamEnded()) {
                    throw new EOFException("hung up while its TAKE waited");
                }
            }
        } finally {
            waitingForItems.decrementAndGet();
        }
    }
}
