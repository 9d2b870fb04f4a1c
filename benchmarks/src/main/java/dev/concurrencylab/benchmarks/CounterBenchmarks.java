package dev.concurrencylab.benchmarks;

import dev.concurrencylab.ipc.SharedMemory;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One counter, two threads incrementing it as fast as they can: the fixes of the race-condition
 * lesson under contention, and the same atomic and locked increments on shared memory (a mapped
 * file, as two processes would share it). Scores are increments per microsecond, both threads
 * together: millions per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Threads(2)
public class CounterBenchmarks {

    private final Object monitor = new Object();
    private long synchronizedCount;
    private final ReentrantLock lock = new ReentrantLock();
    private long lockedCount;
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private SharedMemory shared;

    @Setup
    public void mapSharedMemory() throws IOException {
        shared = SharedMemory.create(3);
    }

    @TearDown
    public void unmapSharedMemory() throws IOException {
        shared.close();
    }

    @Benchmark
    public long synchronizedBlock() {
        synchronized (monitor) {
            return ++synchronizedCount;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++lockedCount;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long atomicLong() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public void longAdder() {
        adder.increment();
    }

    @Benchmark
    public long sharedMemoryAtomic() {
        return shared.getAndAdd(0, 1);
    }

    @Benchmark
    public void sharedMemoryLocked() {
        shared.withLock(1, () -> shared.set(2, shared.get(2) + 1));
    }
}
