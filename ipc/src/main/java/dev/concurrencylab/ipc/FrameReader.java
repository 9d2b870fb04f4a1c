package dev.concurrencylab.ipc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Arrays;

/**
 * Reads frames from a byte channel, one read system call for many small frames.
 *
 * <p>{@link #read()} returns the next payload as a fresh array, {@link #readView()} as a view of
 * the reader's own memory (for bulk readers: no array per frame); either is null when the channel
 * ended cleanly between frames. Everything else that can go wrong is a {@link FrameException}
 * naming the problem: a wrong magic byte, a negative length, a length over the maximum (refused
 * before allocating), or an end of stream inside a frame. Not thread-safe: one reader per channel.
 *
 * <p>A header only claims a length; the payload's memory is taken as its bytes arrive: at most
 * {@value #ALLOCATE_AHEAD_BYTES} bytes (or what the constructor says) before any arrive, then
 * doubling as they come. A peer that sends headers claiming large frames and then stalls costs
 * the reader what it sent, not what it claimed.
 */
public final class FrameReader implements AutoCloseable {

    /** What a payload may take before its bytes arrive; frames up to this size are read with one allocation. */
    static final int ALLOCATE_AHEAD_BYTES = 1 << 20;

    private final int allocateAheadBytes;

    private final ReadableByteChannel channel;
    private final ByteBuffer buffer;
    private final int maxFrameBytes;
    private ByteBuffer largeFrames; // readView's memory for frames larger than the buffer, kept

    // Read by a watcher on another thread (QueueHost's timeouts): when bytes last came, and what
    // read() is waiting for.
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile boolean waiting;
    private volatile boolean inFrame;
    private int headerLength = -1; // the length of a header read by nextLength() whose payload is not yet

    public FrameReader(ReadableByteChannel channel) {
        this(channel, FrameWriter.DEFAULT_BUFFER_BYTES, Frames.DEFAULT_MAX_FRAME_BYTES);
    }

    public FrameReader(InputStream in) {
        this(Channels.newChannel(in));
    }

    public FrameReader(ReadableByteChannel channel, int bufferBytes, int maxFrameBytes) {
        this(channel, bufferBytes, maxFrameBytes, ALLOCATE_AHEAD_BYTES);
    }

    /**
     * A reader that takes at most {@code allocateAheadBytes} for a payload before its bytes arrive:
     * a server facing many peers it does not trust uses a small figure, a bulk channel a large one.
     */
    public FrameReader(ReadableByteChannel channel, int bufferBytes, int maxFrameBytes, int allocateAheadBytes) {
        if (allocateAheadBytes < 1) {
            throw new IllegalArgumentException("allocate-ahead must be positive, not " + allocateAheadBytes);
        }
        this.allocateAheadBytes = allocateAheadBytes;
        if (bufferBytes < Frames.HEADER_BYTES) {
            throw new IllegalArgumentException("buffer must hold at least a header, not " + bufferBytes + " bytes");
        }
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(bufferBytes).flip(); // starts empty, in read mode
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next payload, or null at a clean end of stream. */
    public byte[] read() throws IOException {
        requireNoPayloadPending();
        return watched(this::readFrame);
    }

    /**
     * Reads the next frame's header alone: its payload's length, or -1 at a clean end of stream.
     * Nothing is taken for the payload until {@link #payload()}: a reader that must first make
     * room for a frame (a host with a byte budget) waits between the two, and the watcher does
     * not count that wait as a stalled frame.
     */
    public int nextLength() throws IOException {
        requireNoPayloadPending();
        headerLength = watched(this::readHeader);
        return headerLength;
    }

    /** The payload of the frame whose header {@link #nextLength()} read, as a fresh array. */
    public byte[] payload() throws IOException {
        int length = takeHeaderLength();
        return watched(() -> {
            inFrame = true;
            return readPayload(length);
        });
    }

    /** One frame read in the way {@code read} says, with the watcher told that a read is under way. */
    private <T> T watched(FrameRead<T> read) throws IOException {
        lastProgressNanos = System.nanoTime();
        waiting = true;
        try {
            return read.frame();
        } finally {
            waiting = false;
            inFrame = false;
        }
    }

    /** Reading one frame, as an array or as a view. */
    @FunctionalInterface
    private interface FrameRead<T> {
        T frame() throws IOException;
    }

    /** {@link System#nanoTime()} when {@link #read()} was last called or last got bytes. */
    long lastProgressNanos() {
        return lastProgressNanos;
    }

    /** Inside {@link #read()}, with part of a frame read and the rest not yet come. */
    boolean waitingInFrame() {
        return waiting && inFrame;
    }

    /** Inside {@link #read()}, waiting for the first byte of the next frame. */
    boolean waitingBetweenFrames() {
        return waiting && !inFrame;
    }

    /**
     * The next payload as a read-only buffer over this reader's own memory, or null at a clean end
     * of stream: no array per frame, and a frame that arrived whole in one read is not copied at
     * all. The buffer is valid until the next read; copy what must outlive it. The memory a large
     * frame needs is kept for the next one, and taken as its bytes arrive, as {@link #read()} does.
     */
    public ByteBuffer readView() throws IOException {
        requireNoPayloadPending();
        return watched(this::readFrameView);
    }

    /** Reads past the payload of the frame whose header {@link #nextLength()} read, keeping none of it. */
    public void skipPayload() throws IOException {
        int length = takeHeaderLength();
        watched(() -> {
            inFrame = true;
            for (int left = length; left > 0; ) {
                if (!buffer.hasRemaining() && !fill(1)) {
                    throw truncated("after " + (length - left) + " of " + length + " payload bytes");
                }
                int skipped = Math.min(left, buffer.remaining());
                buffer.position(buffer.position() + skipped);
                left -= skipped;
            }
            return null;
        });
    }

    private int takeHeaderLength() {
        int length = headerLength;
        if (length < 0) {
            throw new IllegalStateException("no header read: call nextLength() first");
        }
        headerLength = -1;
        return length;
    }

    private void requireNoPayloadPending() {
        if (headerLength >= 0) {
            throw new IllegalStateException("the payload of the last header read by nextLength() is not read yet");
        }
    }

    private byte[] readFrame() throws IOException {
        int length = readHeader();
        return length < 0 ? null : readPayload(length);
    }

    private byte[] readPayload(int length) throws IOException {
        int copied = Math.min(length, buffer.remaining());
        byte[] payload = new byte[Math.min(length, Math.max(copied, allocateAheadBytes))];
        buffer.get(payload, 0, copied);
        // The rest goes straight into the payload, not through the buffer, which grows only as
        // fast as bytes come.
        int filled = copied;
        while (filled < length) {
            if (filled == payload.length) {
                payload = Arrays.copyOf(payload, (int) Math.min(length, 2L * payload.length));
            }
            int read = channel.read(ByteBuffer.wrap(payload, filled, payload.length - filled));
            if (read < 0) {
                throw truncated("after " + filled + " of " + length + " payload bytes");
            }
            lastProgressNanos = System.nanoTime();
            filled += read;
        }
        return payload;
    }

    private ByteBuffer readFrameView() throws IOException {
        int length = readHeader();
        if (length < 0) {
            return null;
        }
        if (length <= buffer.remaining()) {
            ByteBuffer view = buffer.slice(buffer.position(), length).asReadOnlyBuffer();
            buffer.position(buffer.position() + length);
            return view;
        }
        // Memory already kept is used whole; more is taken only as the bytes come.
        int copied = buffer.remaining();
        ByteBuffer payload = keptForLargeFrames(Math.min(length, Math.max(copied, allocateAheadBytes)), length);
        payload.put(buffer);
        while (payload.position() < length) {
            if (!payload.hasRemaining()) {
                payload = grown(payload, (int) Math.min(length, 2L * payload.capacity()));
            }
            if (channel.read(payload) < 0) {
                throw truncated("after " + payload.position() + " of " + length + " payload bytes");
            }
            lastProgressNanos = System.nanoTime();
        }
        return payload.flip().asReadOnlyBuffer();
    }

    /** The kept buffer, emptied, with room for {@code atLeast} bytes and up to {@code length} if it has them. */
    private ByteBuffer keptForLargeFrames(int atLeast, int length) {
        if (largeFrames == null || largeFrames.capacity() < atLeast) {
            largeFrames = ByteBuffer.allocateDirect(atLeast);
        }
        return largeFrames.clear().limit(Math.min(length, largeFrames.capacity()));
    }

    /** A larger kept buffer of {@code capacity} bytes holding what {@code filled} holds. */
    private ByteBuffer grown(ByteBuffer filled, int capacity) {
        largeFrames = ByteBuffer.allocateDirect(capacity).put(filled.flip());
        return largeFrames;
    }

    /** Reads a header: the payload's length, or -1 at a clean end of stream. */
    private int readHeader() throws IOException {
        if (!fill(1)) {
            return -1;
        }
        inFrame = true;
        byte magic = buffer.get(buffer.position());
        if (magic != Frames.MAGIC) {
            throw new FrameException(FrameException.Problem.BAD_MAGIC, String.format(
                    "frame starts with 0x%02X, not 0x%02X: the peer is not speaking this protocol", magic, Frames.MAGIC));
        }
        if (!fill(Frames.HEADER_BYTES)) {
            throw truncated("in a frame header");
        }
        buffer.get();
        int length = buffer.getInt();
        if (length < 0) {
            throw new FrameException(FrameException.Problem.NEGATIVE_LENGTH, "frame length is negative: " + length);
        }
        if (length > maxFrameBytes) {
            throw new FrameException(FrameException.Problem.TOO_LARGE,
                    "frame of " + length + " bytes is over the maximum of " + maxFrameBytes);
        }
        return length;
    }

    /** Makes at least {@code bytes} bytes available; false if the stream ended first. */
    private boolean fill(int bytes) throws IOException {
        if (buffer.remaining() >= bytes) {
            return true;
        }
        buffer.compact();
        try {
            while (buffer.position() < bytes) {
                if (channel.read(buffer) < 0) {
                    return false;
                }
                lastProgressNanos = System.nanoTime();
            }
            return true;
        } finally {
            buffer.flip();
        }
    }

    /**
     * Whether the peer has closed its end, found without blocking; bytes it sent meanwhile are
     * kept for the next read. For a socket (a selectable channel) only: any other channel, or a
     * buffer with no room left, says false. Not while another thread reads this channel.
     */
    boolean streamEnded() throws IOException {
        if (!(channel instanceof SelectableChannel selectable) || buffer.remaining() == buffer.capacity()) {
            return false;
        }
        synchronized (selectable.blockingLock()) {
            boolean wasBlocking = selectable.isBlocking();
            selectable.configureBlocking(false);
            buffer.compact();
            try {
                return channel.read(buffer) < 0;
            } finally {
                buffer.flip();
                selectable.configureBlocking(wasBlocking);
            }
        }
    }

    private static FrameException truncated(String where) {
        return new FrameException(FrameException.Problem.TRUNCATED, "the stream ended " + where);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
