package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Exercise 03, solved: a lock and two conditions, one for each reason to wait. */
public final class Solution03BoundedBuffer implements Threads.BoundedBuffer {

    private static final int CAPACITY = 4;

    private final ArrayDeque<Integer> items = new ArrayDeque<>(CAPACITY); // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();

    @Override
    public int capacity() {
        return CAPACITY;
    }

    @Override
    public void put(int item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.size() == CAPACITY) {
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
