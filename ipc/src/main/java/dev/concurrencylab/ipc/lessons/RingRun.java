package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.PrivateDirectory;
import dev.concurrencylab.ipc.RingQueue;

import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One ring in a mapped file, this project's or Agrona's, and the measurements the shm-queue
 * lesson takes over it between JVMs: a stream of records from a producer JVM to a consumer JVM,
 * and round trips between this JVM and an echoing child.
 */
final class RingRun implements AutoCloseable {

    /** What one stream measured: its wall time from "go" to the last record, and both ends' CPU time. */
    record Stream(long records, int size, double seconds, long cpuNanos) {
        double recordsPerSecond() {
            return records / seconds;
        }

        double megabytesPerSecond() {
            return (double) records * size / seconds / 1e6;
        }

        double cpuNanosPerRecord() {
            return (double) cpuNanos / records;
        }
    }

    private final String kind;
    private final RingQueue ours;                 // for "ring"
    private final PrivateDirectory agronaDirectory; // for "agrona"
    private final Path file;

    private RingRun(String kind, RingQueue ours, PrivateDirectory agronaDirectory, Path file) {
        this.kind = kind;
        this.ours = ours;
        this.agronaDirectory = agronaDirectory;
        this.file = file;
    }

    /** A new ring of {@code capacity} bytes: {@code kind} is "ring" (this project's) or "agrona". */
    static RingRun create(String kind, int capacity) throws IOException {
        if (kind.equals("ring")) {
            RingQueue ring = RingQueue.create(capacity);
            return new RingRun(kind, ring, null, ring.file());
        }
        PrivateDirectory directory = PrivateDirectory.create("agrona");
        try {
            Path file = directory.createOwnerOnlyFile("ring");
            try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
                raw.setLength(capacity + RingBufferDescriptor.TRAILER_LENGTH); // zeros: an empty ring
            }
            return new RingRun(kind, null, directory, file);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    static ChildJvm child(String name, String... arguments) {
        // Agrona reads and writes memory through the JDK's internal Unsafe, which java.base exports only when asked.
        return ChildJvm.builder(RingChild.class).name(name).jvmOptions("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED")
                .arguments(arguments).timeout(Timeouts.seconds(300)).start();
    }

    private static long cpuOf(ChildJvm child, String what) {
        String line = child.awaitLine(l -> l.startsWith("done ") || l.startsWith("error "), Timeouts.seconds(240), what);
        if (line.startsWith("error ")) {
            throw new IllegalStateException(child.name() + ": " + line.substring(6));
        }
        return Long.parseLong(line.substring(5));
    }

    /** {@code records} records of {@code size} bytes from a producer JVM to a consumer JVM, each checked by the consumer. */
    Stream stream(long records, int size) {
        try (ChildJvm consumer = child(kind + "-consumer", "consume", kind, file.toString(), Long.toString(records), Integer.toString(size));
             ChildJvm producer = child(kind + "-producer", "produce", kind, file.toString(), Long.toString(records), Integer.toString(size))) {
            consumer.awaitReady(Timeouts.seconds(60));
            producer.awaitReady(Timeouts.seconds(60));
            long start = System.nanoTime();
            producer.sendLine(ChildSide.GO);
            long cpu = cpuOf(consumer, "take every record");
            double seconds = (System.nanoTime() - start) / 1e9;
            cpu += cpuOf(producer, "finish producing");
            return new Stream(records, size, seconds, cpu);
        }
    }

    /** One-byte round trips between a pinging child and an echoing child, over this ring and a second one back; microseconds. */
    static double roundTripMedian(String kind, int trips) throws IOException {
        try (RingRun there = create(kind, 1 << 16); RingRun back = create(kind, 1 << 16);
             ChildJvm echo = child(kind + "-echo", "echo", kind, there.file.toString(), back.file.toString(), Integer.toString(trips));
             ChildJvm ping = child(kind + "-ping", "ping", kind, there.file.toString(), back.file.toString(), Integer.toString(trips))) {
            echo.awaitReady(Timeouts.seconds(60));
            ping.awaitReady(Timeouts.seconds(60));
            ping.sendLine(ChildSide.GO);
            double median = Double.parseDouble(ping.awaitValue("median ", Timeouts.seconds(240), "time its round trips"));
            cpuOf(ping, "finish pinging");
            cpuOf(echo, "echo every ping");
            return median;
        }
    }

    @Override
    public void close() throws IOException {
        if (ours != null) {
            ours.close();
        }
        if (agronaDirectory != null) {
            agronaDirectory.close();
        }
    }
}
