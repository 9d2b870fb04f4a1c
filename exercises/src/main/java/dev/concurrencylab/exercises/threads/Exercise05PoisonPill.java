package dev.concurrencylab.exercises.threads;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntConsumer;

/*
 * Exercise 05: a producer/consumer pipeline that always shuts down.
 *
 * The task: one producer puts the items into a bounded BlockingQueue; `consumers` threads (made
 * with the given factory) take them and hand each to the sink. When the items run out, every
 * consumer must learn it and end: a consumer blocked in take() does not look at flags, so send
 * it something it recognises (a poison pill), one per consumer. run() returns when every item
 * has reached the sink and every thread it made has ended.
 * The lesson that shows it: thread-queue (./concurrency-lab run thread-queue).
 * What the grader checks: every item delivered exactly once, by 1 and by 3 consumers; run()
 * returns within seconds; no thread it made is still alive afterwards, even when the grader holds
 * each of them at its very end for a moment (so run() must join them, not guess they are done).
 */
public final class Exercise05PoisonPill implements Threads.Pipeline {

    @Override
    public void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException {
        throw new UnsupportedOperationException("exercise 05");
    }
}
