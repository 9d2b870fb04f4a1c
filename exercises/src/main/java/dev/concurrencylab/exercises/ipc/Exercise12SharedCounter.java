package dev.concurrencylab.exercises.ipc;

import dev.concurrencylab.ipc.SharedLongs;

/*
 * Exercise 12: a counter in shared memory that two JVMs never lose an update of.
 *
 * The task: add one to a slot of memory that other threads and other JVMs map too. get() then
 * set() is Python's Value('i', lock=False): two processes lose updates. Use an atomic
 * read-modify-write of SharedLongs, or its withLock around the read and the write.
 * The lesson that shows it: shared-memory (./concurrency-lab run shared-memory).
 * What the grader checks: a forced schedule (one increment paused after it read, another
 * running meanwhile: nothing lost), then two child JVMs incrementing one slot 200 000 times
 * each: the total is exact.
 */
public final class Exercise12SharedCounter implements Ipc.SharedIncrement {

    @Override
    public void increment(SharedLongs memory, int slot, int lockSlot) {
        throw new UnsupportedOperationException("exercise 12");
    }
}
