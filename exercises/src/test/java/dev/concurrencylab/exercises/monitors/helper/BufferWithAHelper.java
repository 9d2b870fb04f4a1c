package dev.concurrencylab.exercises.monitors.helper;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayDeque;

/** A monitor buffer that waits and wakes with notify() through a helper class of its package ({@link OneWaitSet}). */
public final class BufferWithAHelper implements Threads.BoundedBuffer {

    private final ArrayDeque<Integer> items = new ArrayDeque<>();
    private final OneWaitSet monitor = new OneWaitSet();
    private final int capacity;

    public BufferWithAHelper(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public void put(int item) throws InterruptedException {
        synchronized (monitor) {
            monitor.waitWhile(() -> items.size() == capacity);
            items.addLast(item);
            monitor.wakeOne();
        }
    }

    @Override
    public int take() throws InterruptedException {
        synchronized (monitor) {
            monitor.waitWhile(items::isEmpty);
            int item = items.removeFirst();
            monitor.wakeOne();
            return item;
        }
    }
}
