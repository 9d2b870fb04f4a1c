package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;

/** Exercise 05, solved: one pill per consumer, after the last item; then every consumer is joined. */
public final class Solution05PoisonPill implements Threads.Pipeline {

    private static final Integer PILL = Integer.MIN_VALUE; // compared by identity: no item is this object

    @Override
    public void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            Thread consumer = threads.newThread(() -> {
                try {
                    for (Integer item = queue.take(); item != PILL; item = queue.take()) {
                        sink.accept(item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            consumer.start();
            started.add(consumer);
        }
        try {
            for (Integer item : items) {
                queue.put(Integer.valueOf(item.intValue())); // a fresh box, never the pill itself
            }
            for (int i = 0; i < consumers; i++) {
                queue.put(PILL);
            }
        } finally {
            for (Thread consumer : started) {
                consumer.join();
            }
        }
    }
}
