package dev.concurrencylab.ipc;

import dev.concurrencylab.core.child.ChildSide;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.zip.CRC32C;

/**
 * Child JVM for the channel lessons: the far end of a pipe or socket.
 *
 * <pre>
 *   ChildLinkEnd pipe echo|sink            frames over its own stdin/stdout
 *   ChildLinkEnd unix:/path|tcp:h:p echo|sink   frames over a socket it connects to
 * </pre>
 *
 * <p>{@code echo} sends every frame back (round trips). {@code sink} takes streams: a one-byte
 * frame naming the {@link ChildLink.Check}, the frames, an empty frame; it answers each with one
 * frame: count (int64), bytes (int64), digest of the payloads' CRC32Cs (int64, 0 if not asked),
 * so the parent knows everything arrived intact. The sink reads every frame in place
 * ({@link FrameReader#readView()}), as a bulk reader should. Both first send an empty frame as
 * their ready signal, since stdout carries frames, not lines.
 */
public final class ChildLinkEnd {

    private ChildLinkEnd() {}

    public static void main(String[] args) throws IOException {
        ChildSide.exitWhenParentDies();
        try (FrameChannel channel = open(args[0])) {
            channel.send(new byte[0]); // ready
            switch (args[1]) {
                case "echo" -> {
                    for (byte[] frame; (frame = channel.receive()) != null; ) {
                        channel.send(frame);
                    }
                }
                case "sink" -> sink(channel);
                default -> throw new IllegalArgumentException("mode is echo or sink, not " + args[1]);
            }
        }
    }

    /** Stream after stream, until the parent closes the channel between two. */
    private static void sink(FrameChannel channel) throws IOException {
        for (ByteBuffer header; (header = channel.receiveView()) != null; ) {
            ChildLink.Check check = ChildLink.Check.of(header.get(0));
            long count = 0;
            long bytes = 0;
            long digest = 0;
            CRC32C crc = new CRC32C();
            ByteBuffer frame;
            while ((frame = channel.receiveView()) != null && frame.hasRemaining()) {
                count++;
                bytes += frame.remaining();
                if (check == ChildLink.Check.EVERY_BYTE) {
                    crc.reset();
                    crc.update(frame);
                    digest = ChildLink.Check.digest(digest, crc.getValue());
                }
            }
            if (frame == null) {
                throw new IOException("the parent closed the channel inside a stream, after " + count + " frames");
            }
            channel.send(ByteBuffer.allocate(24).putLong(count).putLong(bytes).putLong(digest).array());
        }
    }

    private static FrameChannel open(String where) throws IOException {
        if (where.equals("pipe")) {
            return FrameChannel.ofStandardStreams();
        }
        SocketChannel socket = Endpoint.connect(where);
        return new FrameChannel(new FrameReader(socket), new FrameWriter(socket));
    }
}
