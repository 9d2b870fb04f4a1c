package dev.concurrencylab.exercises.wrong;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;

/**
 * Wrong answers whose bug shows only in some schedules: a run of many threads that hopes for the
 * bad interleaving passes them now and then. The graders find them every time, by a schedule they
 * force from thread states (a second take woken by one put; threads held at their end until run()
 * returns), and GradersAreHonestTest grades each five times to show it.
 */
public final class InterleavingWrongAnswers {

    private InterleavingWrongAnswers() {}

    /** 03: waits with if instead of while, so a take woken after another take emptied the buffer removes nothing. */
    public static final class IfInsteadOfWhile implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();

        @Override
        public int capacity() {
            return 4;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            if (items.size() == capacity()) {
                wait();
            }
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            if (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notifyAll();
            return item;
        }
    }

    /** 05: one pill per consumer, but run() returns once the queue is drained instead of joining its consumers. */
    public static final class ReturnsWhenDrained implements Threads.Pipeline {
        @Override
        public void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException {
            BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
            for (int i = 0; i < consumers; i++) {
                threads.newThread(() -> {
                    try {
                        for (int item = queue.take(); item >= 0; item = queue.take()) {
                            sink.accept(item);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).start();
            }
            for (int item : items) {
                queue.put(item);
            }
            for (int i = 0; i < consumers; i++) {
                queue.put(-1);
            }
            while (!queue.isEmpty()) {
                Thread.onSpinWait(); // the last pill taken is not the last item delivered
            }
        }
    }
}
