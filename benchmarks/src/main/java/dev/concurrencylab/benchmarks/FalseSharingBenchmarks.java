package dev.concurrencylab.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The false-sharing lesson under JMH: two threads, a counter each, written with opaque stores
 * (so that every write happens), side by side in one cache line or 128 bytes apart. Each group
 * is the two writers; the score is writes per microsecond per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class FalseSharingBenchmarks {

    private final AtomicLongArray counters = new AtomicLongArray(32);

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursFirst() {
        counters.setOpaque(0, counters.getPlain(0) + 1);
    }

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursSecond() {
        counters.setOpaque(1, counters.getPlain(1) + 1);
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedFirst() {
        counters.setOpaque(0, counters.getPlain(0) + 1);
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedSecond() {
        counters.setOpaque(16, counters.getPlain(16) + 1);
    }
}
