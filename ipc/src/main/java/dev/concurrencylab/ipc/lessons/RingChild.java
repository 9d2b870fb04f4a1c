package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.measure.CpuTime;
import dev.concurrencylab.ipc.RingQueue;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The child JVMs of the shm-queue lesson: a producer, a consumer or an echo over a ring in a
 * mapped file, this project's {@link RingQueue} or Agrona's {@link OneToOneRingBuffer}.
 *
 * <p>{@code produce|consume KIND FILE COUNT SIZE}, {@code ping KIND OUT IN COUNT} and
 * {@code echo KIND IN OUT COUNT}. A producer and a pinger wait for "go" on stdin; a pinger prints
 * {@code median MICROS} of its round trips (after a tenth of them as warm-up); every record carries its sequence number in its first 8
 * bytes and in its last byte, and the consumer checks both. Each prints {@code done CPU_NANOS}
 * (its working thread's CPU time) or {@code error REASON}.
 */
final class RingChild {

    /** One end of a ring, whichever implementation. */
    interface End {
        boolean offer(byte[] record, int length);

        /** The next record's length, copied into {@code into}; -1 when there is none. */
        int poll(byte[] into) throws IOException;
    }

    private RingChild() {}

    /** Agrona's ring buffer over the mapped file: capacity plus its trailer. */
    static End agrona(Path file) throws IOException {
        ByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, Files.size(file));
        }
        OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(mapped));
        UnsafeBuffer source = new UnsafeBuffer(new byte[0]);
        int[] length = {-1};
        return new End() {
            @Override
            public boolean offer(byte[] record, int size) {
                source.wrap(record);
                return ring.write(1, source, 0, size);
            }

            @Override
            public int poll(byte[] into) {
                length[0] = -1;
                ring.read((type, buffer, index, size) -> {
                    buffer.getBytes(index, into, 0, size);
                    length[0] = size;
                }, 1);
                return length[0];
            }
        };
    }

    static End ours(Path file) throws IOException {
        RingQueue ring = RingQueue.attach(file).waiting(RingQueue.Waiting.SPIN);
        return new End() {
            @Override
            public boolean offer(byte[] record, int size) {
                return ring.offer(record, 0, size);
            }

            @Override
            public int poll(byte[] into) throws IOException {
                return ring.poll(into);
            }
        };
    }

    static End open(String kind, Path file) throws IOException {
        return switch (kind) {
            case "ring" -> ours(file);
            case "agrona" -> agrona(file);
            default -> throw new IllegalArgumentException("no ring kind '" + kind + "'");
        };
    }

    /** Sequence number {@code seq} into a record of {@code size} bytes (at least 8). */
    static void stamp(byte[] record, int size, long seq) {
        ByteBuffer.wrap(record).putLong(0, seq);
        record[size - 1] = (byte) seq;
    }

    /** Offers until it is taken; spins, within a bound, so that a dead peer is an error and not a hang. */
    static void send(End end, byte[] record, int size, long deadline) throws IOException {
        while (!end.offer(record, size)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ring stayed full: is the consumer alive?");
            }
            Thread.onSpinWait();
        }
    }

    static int receive(End end, byte[] into, long deadline) throws IOException {
        for (int length = end.poll(into); ; length = end.poll(into)) {
            if (length >= 0) {
                return length;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ring stayed empty: is the producer alive?");
            }
            Thread.onSpinWait();
        }
    }

    public static void main(String[] args) throws IOException {
        ChildSide.exitWhenParentDies();
        try {
            String role = args[0];
            End end = open(args[1], Path.of(args[2]));
            long deadline = System.nanoTime() + Timeouts.seconds(240).toNanos();
            long cpuBefore = CpuTime.currentThreadNanos();
            switch (role) {
                case "produce" -> {
                    long count = Long.parseLong(args[3]);
                    int size = Integer.parseInt(args[4]);
                    byte[] record = new byte[size];
                    ChildSide.sayReady();
                    ChildSide.awaitGo();
                    cpuBefore = CpuTime.currentThreadNanos();
                    for (long seq = 0; seq < count; seq++) {
                        stamp(record, size, seq);
                        send(end, record, size, deadline);
                    }
                }
                case "consume" -> {
                    long count = Long.parseLong(args[3]);
                    int size = Integer.parseInt(args[4]);
                    byte[] into = new byte[Math.max(size, 8)];
                    ChildSide.sayReady();
                    ByteBuffer view = ByteBuffer.wrap(into);
                    for (long seq = 0; seq < count; seq++) {
                        int length = receive(end, into, deadline);
                        if (length != size || view.getLong(0) != seq || into[size - 1] != (byte) seq) {
                            throw new IOException("record " + seq + " arrived as " + length + " bytes numbered " + view.getLong(0));
                        }
                    }
                }
                case "ping" -> {
                    End back = open(args[1], Path.of(args[3]));
                    int count = Integer.parseInt(args[4]);
                    byte[] ping = {42};
                    byte[] pong = new byte[64];
                    long[] nanos = new long[count - count / 10];
                    ChildSide.sayReady();
                    ChildSide.awaitGo();
                    cpuBefore = CpuTime.currentThreadNanos();
                    for (int i = 0; i < count; i++) {
                        long start = System.nanoTime();
                        send(end, ping, 1, deadline);
                        receive(back, pong, deadline);
                        if (i >= count / 10) { // the first tenth warms both ends up
                            nanos[i - count / 10] = System.nanoTime() - start;
                        }
                    }
                    Arrays.sort(nanos);
                    System.out.println("median " + nanos[nanos.length / 2] / 1e3);
                }
                case "echo" -> {
                    End out = open(args[1], Path.of(args[3]));
                    long count = Long.parseLong(args[4]);
                    byte[] into = new byte[64];
                    ChildSide.sayReady();
                    for (long i = 0; i < count; i++) {
                        int length = receive(end, into, deadline);
                        send(out, into, length, deadline);
                    }
                }
                default -> throw new IllegalArgumentException("no role '" + role + "'");
            }
            System.out.println("done " + (CpuTime.currentThreadNanos() - cpuBefore));
        } catch (IOException | RuntimeException e) {
            System.out.println("error " + e.getMessage());
            System.exit(1);
        }
    }
}
