package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmBuilder;
import dev.concurrencylab.core.measure.Summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * A child JVM running {@link ChildLinkEnd} and the parent's end of the channel to it, over a pipe
 * (the child's stdin/stdout) or a socket (Unix-domain or TCP). The measurements the channel
 * lessons share live here: round trips, a stream of small frames, a stream of large ones.
 */
public final class ChildLink implements AutoCloseable {

    /** What carries the frames. */
    public enum Kind { PIPE, UNIX, TCP }

    /** A measured stream: how much went through, in what time, and whether it all arrived intact. */
    public record Stream(long frames, long bytes, double seconds, boolean intact) {
        public double framesPerSecond() {
            return frames / seconds;
        }

        public double megabytesPerSecond() {
            return bytes / seconds / 1e6;
        }
    }

    private final ChildJvm child;
    private final FrameChannel channel;
    private final Endpoint endpoint; // null for a pipe
    private final Map<Integer, Payloads> payloadsBySize = new HashMap<>();

    private ChildLink(ChildJvm child, FrameChannel channel, Endpoint endpoint) {
        this.child = child;
        this.channel = channel;
        this.endpoint = endpoint;
    }

    /** Starts a child in {@code mode} (echo or sink) and connects to it; returns once it is ready. */
    public static ChildLink open(Kind kind, String mode) throws IOException {
        Endpoint endpoint = kind == Kind.PIPE ? null
                : Endpoint.listen(kind == Kind.UNIX ? Endpoint.Transport.UNIX : Endpoint.Transport.TCP);
        ChildJvm child = null;
        try {
            ChildJvmBuilder builder = ChildJvm.builder(ChildLinkEnd.class).name(kind.name().toLowerCase() + "-" + mode)
                    .arguments(endpoint == null ? "pipe" : endpoint.address(), mode).timeout(Timeouts.seconds(300));
            child = (endpoint == null ? builder.binaryStdout() : builder).start();
            FrameChannel channel;
            if (endpoint == null) {
                channel = FrameChannel.over(child.stdout(), child.stdin());
            } else {
                SocketChannel socket = endpoint.accept(Timeouts.seconds(60));
                channel = new FrameChannel(new FrameReader(socket), new FrameWriter(socket));
            }
            byte[] ready = channel.receive();
            if (ready == null || ready.length != 0) {
                throw new IOException("child " + child.name() + " did not say ready: " + child.stderr());
            }
            return new ChildLink(child, channel, endpoint);
        } catch (IOException | RuntimeException e) {
            if (child != null) {
                child.close();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            throw e;
        }
    }

    /** Sends {@code payload} to an echo child and returns what came back, checked to be the same. */
    public byte[] roundTrip(byte[] payload) throws IOException {
        channel.send(payload);
        byte[] echo = channel.receive();
        if (echo == null || !Arrays.equals(echo, payload)) {
            throw new IOException("a round trip came back different (or not at all): " + child.stderr());
        }
        return echo;
    }

    /** Median, minimum and maximum of {@code count} round trips of {@code size}-byte frames, in microseconds. */
    public Summary roundTrips(int count, int size) throws IOException {
        byte[] payload = new byte[size];
        List<Double> micros = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payload[0] = (byte) i;
            long start = System.nanoTime();
            roundTrip(payload);
            long end = System.nanoTime();
            micros.add((end - start) / 1e3);
        }
        return Summary.of(micros);
    }

    /** Sends {@code count} frames of {@code size} bytes, batched, to a sink that checks every byte of them. */
    public Stream stream(long count, int size) throws IOException {
        return stream(count, size, Check.EVERY_BYTE);
    }

    /**
     * Sends {@code count} frames of {@code size} bytes, batched, to a sink, which reports what it
     * got. The frames cycle through a few distinct payloads made (and checksummed) once per size,
     * before any clock starts, and sent straight from direct buffers: while timed, the sender
     * only sends.
     */
    public Stream stream(long count, int size, Check check) throws IOException {
        return stream(count, size, check, -1);
    }

    /** The stream, but frame number {@code stale} (if not -1) carries the payload of the frame before it: a test's fault. */
    Stream stream(long count, int size, Check check, long stale) throws IOException {
        Payloads payloads = payloadsBySize.computeIfAbsent(size, Payloads::new);
        channel.send(new byte[] {check.code});
        long expected = 0;
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            int which = (int) (i % Payloads.DISTINCT);
            channel.sendLater(payloads.buffers[i == stale ? (which + Payloads.DISTINCT - 1) % Payloads.DISTINCT : which].clear());
            expected = Check.digest(expected, payloads.crcs[which]);
        }
        channel.send(new byte[0]); // end of stream
        byte[] report = channel.receive();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report == null || report.length != 24) {
            throw new IOException("the sink " + child.name() + " did not report: " + child.stderr());
        }
        ByteBuffer numbers = ByteBuffer.wrap(report);
        long frames = numbers.getLong();
        long bytes = numbers.getLong();
        long digest = numbers.getLong();
        boolean intact = frames == count && bytes == count * size && (check == Check.FRAMES_AND_BYTES || digest == expected);
        return new Stream(frames, bytes, seconds, intact);
    }

    /** What a sink checks of a stream. */
    public enum Check {
        /**
         * The CRC32C of every payload, folded in order into one digest: a frame altered, lost,
         * repeated, reordered or handed over stale is caught. It costs the sink a pass over every
         * byte (a CRC32C runs at several GB/s, which a 1 MiB stream over a socket notices).
         */
        EVERY_BYTE((byte) 'C'),
        /**
         * The count of frames and bytes only. A local socket or pipe does not alter bytes (the
         * kernel copies memory; no wire lies between), and a slip in the framing shows as a wrong
         * magic byte or a wrong count; what this misses is a reader that fills a frame with the
         * wrong bytes of the right length, which the tests of the frame reader look for instead.
         */
        FRAMES_AND_BYTES((byte) 'N');

        final byte code;

        Check(byte code) {
            this.code = code;
        }

        static Check of(byte code) {
            for (Check check : values()) {
                if (check.code == code) {
                    return check;
                }
            }
            throw new IllegalArgumentException("no stream check has code " + code);
        }

        /** The running digest after one more frame with checksum {@code crc}: order matters. */
        static long digest(long digest, long crc) {
            return 31 * digest + crc;
        }
    }

    /** A few distinct payloads of one size in direct buffers, with their CRC32Cs. */
    private static final class Payloads {
        static final int DISTINCT = 4;
        final ByteBuffer[] buffers = new ByteBuffer[DISTINCT];
        final long[] crcs = new long[DISTINCT];

        Payloads(int size) {
            SplittableRandom random = new SplittableRandom(size);
            byte[] bytes = new byte[size];
            for (int i = 0; i < DISTINCT; i++) {
                random.nextBytes(bytes);
                buffers[i] = ByteBuffer.allocateDirect(size).put(bytes);
                CRC32C crc = new CRC32C();
                crc.update(bytes);
                crcs[i] = crc.getValue();
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
            child.waitFor(Timeouts.seconds(30));
        } catch (IOException e) {
            // the child may already be gone; close() below makes sure
        } finally {
            child.close();
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }
}
