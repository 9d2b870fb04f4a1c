package dev.concurrencylab.ipc;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Both directions of a conversation in frames: the counterpart of one end of Python's
 * {@code multiprocessing.Pipe()} (on POSIX a Unix-domain socket pair unless {@code duplex=False}).
 * Over a child's stdin/stdout it is a pair of OS pipes; over a socket, a socket. {@link #send} writes and flushes one frame; {@link #sendLater} batches until
 * {@link #flush}.
 */
public final class FrameChannel implements AutoCloseable {

    private final FrameReader reader;
    private final FrameWriter writer;

    public FrameChannel(FrameReader reader, FrameWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /** Frames over a pair of streams, e.g. a child process's stdout (in) and stdin (out). */
    public static FrameChannel over(InputStream in, OutputStream out) {
        return new FrameChannel(new FrameReader(in), new FrameWriter(out));
    }

    /** The child's side of a pipe: this JVM's own stdin and stdout. Nothing else may print to stdout. */
    public static FrameChannel ofStandardStreams() {
        return over(System.in, new FileOutputStream(FileDescriptor.out));
    }

    public void send(byte[] payload) throws IOException {
        writer.write(payload);
        writer.flush();
    }

    /** Writes and flushes one frame of the remaining bytes of {@code payload}. */
    public void send(ByteBuffer payload) throws IOException {
        writer.write(payload);
        writer.flush();
    }

    public void sendLater(byte[] payload) throws IOException {
        writer.write(payload);
    }

    /** Adds the remaining bytes of {@code payload} as one frame, to go at the next flush (a large one goes at once). */
    public void sendLater(ByteBuffer payload) throws IOException {
        writer.write(payload);
    }

    public void flush() throws IOException {
        writer.flush();
    }

    /** The next frame, or null when the other side closed cleanly. */
    public byte[] receive() throws IOException {
        return reader.read();
    }

    /** The next frame as a view valid until the next receive ({@link FrameReader#readView()}), or null at a clean end. */
    public ByteBuffer receiveView() throws IOException {
        return reader.readView();
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            reader.close();
        }
    }
}
