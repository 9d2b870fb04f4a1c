package dev.concurrencylab.benchmarks;

import dev.concurrencylab.ipc.ChildLink;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The ipc channels between this JVM and a child JVM, over a pipe, a Unix-domain socket and TCP
 * loopback: 1-byte round trips (microseconds each), and streams of small (16-byte) and large
 * (1 MiB) frames to a sink child that checks every byte, or (the {@code Counted} one) counts frames
 * and bytes only (frames per second; a 1 MiB frame per second is 1.05 MB/s).
 */
public class IpcBenchmarks {

    static final int SMALL_FRAMES = 100_000;
    static final int LARGE_FRAMES = 64;
    static final int MIB = 1 << 20;

    /** A child JVM at the other end of the channel, echoing or sinking. */
    @State(Scope.Benchmark)
    public abstract static class Channel {
        @Param({"PIPE", "UNIX", "TCP"})
        public ChildLink.Kind kind;

        ChildLink link;

        abstract String mode();

        @Setup
        public void open() throws IOException {
            link = ChildLink.open(kind, mode());
        }

        @TearDown
        public void close() throws IOException {
            link.close();
        }
    }

    public static class Echo extends Channel {
        @Override
        String mode() {
            return "echo";
        }
    }

    public static class Sink extends Channel {
        @Override
        String mode() {
            return "sink";
        }
    }

    private static final byte[] ONE_BYTE = {1};

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] roundTrip1Byte(Echo channel) throws IOException {
        return channel.link.roundTrip(ONE_BYTE);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(SMALL_FRAMES)
    public ChildLink.Stream smallFrames(Sink channel) throws IOException {
        return intact(channel.link.stream(SMALL_FRAMES, 16));
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LARGE_FRAMES)
    public ChildLink.Stream largeFrames1MiB(Sink channel) throws IOException {
        return intact(channel.link.stream(LARGE_FRAMES, MIB));
    }

    /** The same stream with the sink checking counts only: the channel's own cost, as the raw socket pair in LimitsBenchmarks has it. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(LARGE_FRAMES)
    public ChildLink.Stream largeFrames1MiBCounted(Sink channel) throws IOException {
        return intact(channel.link.stream(LARGE_FRAMES, MIB, ChildLink.Check.FRAMES_AND_BYTES));
    }

    private static ChildLink.Stream intact(ChildLink.Stream stream) throws IOException {
        if (!stream.intact()) {
            throw new IOException("the sink did not get what was sent: " + stream);
        }
        return stream;
    }
}
