package dev.concurrencylab.benchmarks;

import dev.concurrencylab.ipc.PrivateDirectory;
import dev.concurrencylab.ipc.RingQueue;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What this machine allows, measured by the JVM itself and without C: the ceilings the ipc
 * channels are held against (Limits prints each channel as a fraction of its ceiling). One
 * operation moves 1 MiB.
 *
 * <ul>
 *   <li>{@code rawSocketPair1MiB}: a Unix-domain socket pair in this JVM, a writer thread
 *       streaming from a direct buffer, the benchmark thread reading into another: no framing,
 *       no checksum, no second process.
 *   <li>{@code memoryCopy1MiB}: one direct buffer copied into another, the floor under any
 *       shared-memory channel.
 *   <li>{@code ring1MiB}: RingQueue between two threads of this JVM, 1 MiB records.
 * </ul>
 */
public class LimitsBenchmarks {

    static final int MIB = 1 << 20;

    /** A connected Unix-domain socket pair with a thread that writes into it for as long as it is open. */
    @State(Scope.Benchmark)
    public static class SocketPair {
        PrivateDirectory directory;
        SocketChannel reader;
        SocketChannel writer;
        Thread streaming;
        final ByteBuffer into = ByteBuffer.allocateDirect(MIB);

        @Setup
        public void open() throws IOException {
            directory = PrivateDirectory.create("limits");
            UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.path().resolve("pair.sock"));
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(address);
                writer = SocketChannel.open(address);
                reader = server.accept();
            }
            ByteBuffer from = ByteBuffer.allocateDirect(MIB);
            streaming = Thread.ofPlatform().daemon().name("limits-writer").start(() -> {
                try {
                    while (true) {
                        from.clear();
                        while (from.hasRemaining()) {
                            writer.write(from);
                        }
                    }
                } catch (IOException e) {
                    // closed at tear-down
                }
            });
        }

        @TearDown
        public void close() throws IOException, InterruptedException {
            writer.close();
            reader.close();
            streaming.join(10_000);
            directory.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int rawSocketPair1MiB(SocketPair pair) throws IOException {
        pair.into.clear();
        while (pair.into.hasRemaining()) {
            pair.reader.read(pair.into);
        }
        return pair.into.position();
    }

    @State(Scope.Benchmark)
    public static class Buffers {
        final ByteBuffer from = ByteBuffer.allocateDirect(MIB);
        final ByteBuffer to = ByteBuffer.allocateDirect(MIB);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ByteBuffer memoryCopy1MiB(Buffers buffers) {
        buffers.to.clear();
        return buffers.to.put(buffers.from.duplicate());
    }

    /** A RingQueue with a producer thread that keeps it full of 1 MiB records. */
    @State(Scope.Benchmark)
    public static class Ring {
        RingQueue consumer;
        Thread producing;
        volatile boolean open = true;
        final byte[] into = new byte[MIB];

        @Setup
        public void open() throws IOException {
            consumer = RingQueue.create(1 << 23);
            RingQueue producer = RingQueue.attach(consumer.file()).waiting(RingQueue.Waiting.SPIN);
            byte[] record = new byte[MIB];
            producing = Thread.ofPlatform().daemon().name("limits-producer").start(() -> {
                while (open) {
                    if (!producer.offer(record, 0, record.length)) {
                        Thread.onSpinWait();
                    }
                }
            });
            consumer.waiting(RingQueue.Waiting.SPIN);
        }

        @TearDown
        public void close() throws IOException, InterruptedException {
            open = false;
            producing.join(10_000);
            consumer.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int ring1MiB(Ring ring) throws IOException {
        return ring.consumer.take(ring.into, Duration.ofSeconds(30));
    }
}
