package dev.concurrencylab.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The false-sharing lesson under JMH: two threads, a counter each, written with opaque stores
 * (so that every write happens), side by side in one cache line or 128 bytes apart. The counters
 * live in a direct buffer that starts on a line boundary, so that "side by side" is one line on
 * every run (in a long[] it is two lines about one allocation in eight). Each group is the two
 * writers; the score is writes per microsecond per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class FalseSharingBenchmarks {

    private static final int CACHE_LINE = 64;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final ByteBuffer counters = ByteBuffer.allocateDirect(32 * Long.BYTES + CACHE_LINE).alignedSlice(CACHE_LINE);

    private void increment(int slot) {
        int offset = slot * Long.BYTES;
        LONGS.setOpaque(counters, offset, (long) LONGS.get(counters, offset) + 1);
    }

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursFirst() {
        increment(0);
    }

    @Benchmark
    @Group("neighbours")
    @GroupThreads(1)
    public void neighboursSecond() {
        increment(1);
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedFirst() {
        increment(0);
    }

    @Benchmark
    @Group("padded")
    @GroupThreads(1)
    public void paddedSecond() {
        increment(16);
    }
}
