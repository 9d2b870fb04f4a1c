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
 * <p>{@code echo} sends every frame back (round trips). {@code sink} counts frames and bytes until
 * an empty frame, then answers with one frame: count (int64), bytes (int64), CRC32C of all
 * payloads (int64), so the parent knows everything arrived intact. Both first send an empty
 * frame as their ready signal, since stdout carries frames, not lines.
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
                case "sink" -> {
                    // Stream after stream, each ended by an empty frame and answered with its count,
                    // bytes and checksum, until the parent closes the channel.
                    for (boolean open = true; open; ) {
                        long count = 0;
                        long bytes = 0;
                        CRC32C crc = new CRC32C();
                        byte[] frame;
                        while ((frame = channel.receive()) != null && frame.length > 0) {
                            count++;
                            bytes += frame.length;
                            crc.update(frame);
                        }
                        open = frame != null;
                        if (open) {
                            channel.send(ByteBuffer.allocate(24).putLong(count).putLong(bytes).putLong(crc.getValue()).array());
                        }
                    }
                }
                default -> throw new IllegalArgumentException("mode is echo or sink, not " + args[1]);
            }
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
