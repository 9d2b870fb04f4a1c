package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Exercise 03, solved: a lock and two conditions, one for each reason to wait. */
public final class Solution03BoundedBuffer implements Threads.BoundedBuffer {

    private final int capacity;
    private final ArrayDeque<Integer> items; // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    public Solution03BoundedBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + ": a buffer holds at least one item");
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void put(int item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.size() == capacity) {
                notFull.await();
            }
            items.addLast(item);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            int item = items.removeFirst();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }
}
