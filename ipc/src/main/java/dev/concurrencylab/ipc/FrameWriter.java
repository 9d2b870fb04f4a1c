package dev.concurrencylab.ipc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Writes frames to a byte channel, batching small ones.
 *
 * <p>Frames go into a buffer and reach the channel when the buffer is full or on {@link #flush()}:
 * a thousand 8-byte messages then cost one system call, not a thousand. A frame larger than the
 * buffer is written straight through. Not thread-safe: one writer per channel.
 */
public final class FrameWriter implements AutoCloseable {

    /** The default batching buffer: 64 KiB. */
    public static final int DEFAULT_BUFFER_BYTES = 64 * 1024;

    private final WritableByteChannel channel;
    private final OutputStream stream; // flushed too, when the channel wraps a (possibly buffered) stream
    private final ByteBuffer buffer;
    private final int maxFrameBytes;

    public FrameWriter(WritableByteChannel channel) {
        this(channel, DEFAULT_BUFFER_BYTES, Frames.DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Frames to a stream. Every {@link #flush()} also flushes the stream: a process's stdin, for
     * one, is a {@link java.io.BufferedOutputStream} that would otherwise keep the last frames.
     */
    public FrameWriter(OutputStream out) {
        this(Channels.newChannel(out), out, DEFAULT_BUFFER_BYTES, Frames.DEFAULT_MAX_FRAME_BYTES);
    }

    public FrameWriter(WritableByteChannel channel, int bufferBytes, int maxFrameBytes) {
        this(channel, null, bufferBytes, maxFrameBytes);
    }

    private FrameWriter(WritableByteChannel channel, OutputStream stream, int bufferBytes, int maxFrameBytes) {
        if (bufferBytes < Frames.HEADER_BYTES) {
            throw new IllegalArgumentException("buffer must hold at least a header, not " + bufferBytes + " bytes");
        }
        this.channel = channel;
        this.stream = stream;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Adds one frame; it reaches the channel at the next flush (or sooner, if the buffer fills). */
    public void write(byte[] payload) throws IOException {
        write(ByteBuffer.wrap(payload));
    }

    /** Adds one frame holding the remaining bytes of {@code payload}. */
    public void write(ByteBuffer payload) throws IOException {
        int length = payload.remaining();
        if (length > maxFrameBytes) {
            throw new IllegalArgumentException("frame of " + length + " bytes is over the maximum of " + maxFrameBytes);
        }
        if (buffer.remaining() < Frames.HEADER_BYTES + length) {
            flush();
        }
        if (buffer.remaining() >= Frames.HEADER_BYTES + length) {
            buffer.put(Frames.MAGIC).putInt(length).put(payload);
            return;
        }
        // Larger than the whole buffer: header from the buffer, payload straight from its source
        // (a direct buffer is not copied on the way), both in one system call where the channel
        // gathers, as a socket does.
        buffer.put(Frames.MAGIC).putInt(length).flip();
        if (channel instanceof GatheringByteChannel gathering) {
            ByteBuffer[] both = {buffer, payload};
            while (payload.hasRemaining()) {
                gathering.write(both);
            }
        } else {
            writeFully(buffer);
            writeFully(payload);
        }
        buffer.clear();
    }

    /** Sends everything buffered. */
    public void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
        if (stream != null) {
            stream.flush();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    /** Flushes, then closes the channel. */
    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            channel.close();
        }
    }
}
