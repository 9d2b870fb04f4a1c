package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.measure.Summary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
            ChildJvm.Builder builder = ChildJvm.builder(ChildLinkEnd.class).name(kind.name().toLowerCase() + "-" + mode)
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

    /** Sends {@code count} frames of {@code size} bytes, batched, to a sink; it reports what it got. */
    public Stream stream(long count, int size) throws IOException {
        byte[] payload = new byte[size];
        CRC32C sent = new CRC32C();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            payload[(int) (i % size)] ^= (byte) i; // every frame differs, so the checksum means something
            sent.update(payload);
            channel.sendLater(payload);
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
        long crc = numbers.getLong();
        boolean intact = frames == count && bytes == count * size && crc == sent.getValue();
        return new Stream(frames, bytes, seconds, intact);
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
