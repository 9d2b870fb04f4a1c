package dev.concurrencylab.ipc;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A single-producer single-consumer queue of byte records in a memory-mapped file, shared by two
 * JVMs: no system call per message, no copy through the kernel. Python's multiprocessing has
 * nothing like it (its Queue is a pipe with a lock).
 *
 * <h2>Layout</h2>
 * A header (magic, capacity), then the producer's position ({@code tail}) and the consumer's
 * ({@code head}) on cache lines of their own, 128 bytes apart (two lines, since x86 fetches lines
 * in pairs), then the ring of {@code capacity} bytes, a power of two. Positions are byte counts
 * that only grow; a position's place in the ring is {@code position & (capacity - 1)}. A record
 * is a 4-byte length, the payload, and padding to 8 bytes; a record that would run past the end
 * of the ring is preceded by a pad marker and starts again at offset 0.
 *
 * <h2>Memory consistency effects</h2>
 * The producer writes a record (length and payload, plain writes), then publishes it with a
 * release store of {@code tail}; the consumer loads {@code tail} with acquire, so everything
 * written before the release is visible to it, and only then reads the record. In turn the
 * consumer releases {@code head} after copying a record out, and the producer loads it with
 * acquire before it reuses that space. So a record is never seen half-written: a producer
 * killed in the middle of one never advanced {@code tail}, and the record does not exist.
 *
 * <p>Exactly one producer and one consumer at a time; each side keeps its own position in a
 * field and the other's last value in a cache, so that it touches the shared line only when it
 * must. The file is owner-only in a {@link PrivateDirectory} and removed when the creator closes.
 */
public final class RingQueue implements AutoCloseable {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long MAGIC = 0x52696e6751756575L; // "RingQueu"
    private static final int CAPACITY_AT = 8;
    private static final int TAIL_AT = 128;
    private static final int HEAD_AT = 256;
    private static final int RING_AT = 384;
    private static final int HEADER = Integer.BYTES;
    private static final int PAD = -1;

    /** How a side waits when the ring is empty (consumer) or full (producer). */
    public enum Waiting {
        /** Spin with {@link Thread#onSpinWait()}: the lowest latency, a whole core busy while waiting. */
        SPIN,
        /** Spin a while, then yield, then park for 50 µs at a time: little CPU when idle, slower to wake. */
        BACK_OFF
    }

    private final ByteBuffer memory; // the mapping, in native byte order
    private final int capacity;
    private final int mask;
    private final Path file;
    private final PrivateDirectory owned; // null when attached
    private Waiting waiting = Waiting.BACK_OFF;

    private long tail;       // producer: its own position
    private long headCache;  // producer: the consumer's position, as last read
    private long head;       // consumer: its own position
    private long tailCache;  // consumer: the producer's position, as last read
    int padsWritten;         // producer: how often a record started over at offset 0 (for tests)

    private RingQueue(ByteBuffer memory, Path file, PrivateDirectory owned) throws IOException {
        this.memory = memory.order(ByteOrder.nativeOrder());
        if (this.memory.getLong(0) != MAGIC) {
            throw new IOException(file + " is not a ring queue");
        }
        this.capacity = this.memory.getInt(CAPACITY_AT);
        // The header is another process's word: a capacity that is no power of two or larger than
        // the file would send every position into the wrong place, or outside the mapping.
        if (capacity < 64 || Integer.bitCount(capacity) != 1 || RING_AT + (long) capacity > this.memory.capacity()) {
            throw new IOException(file + " is not a ring queue: its header says " + capacity + " bytes of ring in a file of "
                    + this.memory.capacity() + " bytes");
        }
        this.mask = capacity - 1;
        this.file = file;
        this.owned = owned;
        this.tail = (long) LONGS.getAcquire(this.memory, TAIL_AT);
        this.headCache = (long) LONGS.getAcquire(this.memory, HEAD_AT);
        if (!apart(headCache, tail)) {
            throw new IOException(file + " is a damaged ring queue: " + positions(headCache, tail));
        }
        this.head = headCache;
        this.tailCache = tail;
    }

    /** Whether the consumer at {@code head} and the producer at {@code tail} can be where a ring of this capacity puts them. */
    private boolean apart(long head, long tail) {
        return head >= 0 && tail >= head && tail - head <= capacity;
    }

    private String positions(long head, long tail) {
        return "the consumer is at byte " + head + " and the producer at " + tail + ", which a ring of " + capacity
                + " bytes never allows";
    }

    /** A new, empty ring of {@code capacity} bytes (a power of two, at least 64). */
    public static RingQueue create(int capacity) throws IOException {
        if (capacity < 64 || Integer.bitCount(capacity) != 1 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be a power of two from 64 to 1 GiB, not " + capacity);
        }
        PrivateDirectory directory = PrivateDirectory.create("ring");
        try {
            Path file = directory.createOwnerOnlyFile("ring");
            ByteBuffer memory = map(file, RING_AT + capacity).order(ByteOrder.nativeOrder());
            memory.putInt(CAPACITY_AT, capacity);
            LONGS.setRelease(memory, 0, MAGIC); // a reader that sees the magic sees the capacity
            return new RingQueue(memory, file, directory);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Maps the ring another process created, to produce into it or to consume from it. */
    public static RingQueue attach(Path file) throws IOException {
        long size = Files.size(file);
        if (size < RING_AT + 64 || size > RING_AT + (1L << 30)) {
            throw new IOException(file + " is not a ring queue (" + size + " bytes)");
        }
        return new RingQueue(map(file, size), file, null);
    }

    private static MappedByteBuffer map(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
        }
    }

    public Path file() {
        return file;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * The longest payload a record may have: half the ring, less its length field. A longer one
     * could need the skipped end of the ring and its own length together, more than the ring
     * holds, and wait for ever for room in an empty ring.
     */
    public int maxPayload() {
        return capacity / 2 - HEADER;
    }

    /** Sets how this side waits in {@link #put} and {@link #take}. */
    public RingQueue waiting(Waiting waiting) {
        this.waiting = waiting;
        return this;
    }

    private static int recordSize(int length) {
        return (HEADER + length + 7) & ~7;
    }

    /**
     * Producer: appends a record if there is room now; false when the ring is full.
     *
     * @throws IllegalStateException when the consumer's position in the shared header cannot be
     *                               one (another process wrote it): writing on would overwrite unread records
     */
    public boolean offer(byte[] payload, int offset, int length) {
        if (!stage(payload, offset, length)) {
            return false;
        }
        LONGS.setRelease(memory, TAIL_AT, tail); // publishes the record written by stage()
        return true;
    }

    /**
     * Writes the record and moves this producer's own position past it, without publishing it.
     * Package-private: tests stop here, as a producer killed mid-record would.
     */
    boolean stage(byte[] payload, int offset, int length) {
        if (length < 0 || length > maxPayload()) {
            throw new IllegalArgumentException("a record of " + length + " bytes is too long for a ring of " + capacity
                    + " bytes (at most " + maxPayload() + ", half the ring less its length)");
        }
        int size = recordSize(length);
        int at = (int) (tail & mask);
        int toEnd = capacity - at;
        long needed = size + (toEnd < size ? toEnd : 0);
        if (needed > capacity - (tail - headCache)) {
            headCache = (long) LONGS.getAcquire(memory, HEAD_AT);
            if (!apart(headCache, tail)) { // a head written ahead would let us overwrite unread records
                throw new IllegalStateException(file + ": " + positions(headCache, tail));
            }
            if (needed > capacity - (tail - headCache)) {
                return false;
            }
        }
        if (toEnd < size) {
            memory.putInt(RING_AT + at, PAD); // the rest of the ring is skipped; the record starts at 0
            padsWritten++;
            tail += toEnd;
            at = 0;
        }
        memory.put(RING_AT + at + HEADER, payload, offset, length);
        memory.putInt(RING_AT + at, length);
        tail += size;
        return true;
    }

    /** Producer: appends a record, waiting while the ring is full; an IOException after {@code timeout}. */
    public void put(byte[] payload, int offset, int length, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; !offer(payload, offset, length); attempt++) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ring stayed full for " + timeout.toMillis() + " ms: is its consumer alive?");
            }
            pause(attempt);
        }
    }

    /**
     * Consumer: copies the next record into {@code into} and returns its length; -1 when the ring
     * is empty. An IOException for a record that cannot be one (memory damaged, or not written by
     * this class).
     */
    public int poll(byte[] into) throws IOException {
        if (head == tailCache) {
            tailCache = (long) LONGS.getAcquire(memory, TAIL_AT);
            if (head == tailCache) {
                return -1;
            }
            if (!apart(head, tailCache)) { // a tail written far ahead would hand out empty "records" for ever
                throw new IOException(file + ": " + positions(head, tailCache));
            }
        }
        int at = (int) (head & mask);
        int length = memory.getInt(RING_AT + at);
        if (length == PAD) {
            head += capacity - at;
            at = 0;
            length = memory.getInt(RING_AT);
        }
        if (length < 0 || length > maxPayload() || head + recordSize(length) > tailCache) {
            throw new IOException("a corrupt record at position " + head + ": length " + length + " in a ring of " + capacity
                    + " bytes with " + (tailCache - head) + " bytes published");
        }
        if (length > into.length) {
            throw new IOException("a record of " + length + " bytes does not fit the " + into.length + "-byte array given");
        }
        memory.get(RING_AT + at + HEADER, into, 0, length);
        head += recordSize(length);
        LONGS.setRelease(memory, HEAD_AT, head); // the space is the producer's again
        return length;
    }

    /** Consumer: the next record, waiting while the ring is empty; an IOException after {@code timeout}. */
    public int take(byte[] into, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int attempt = 0; ; attempt++) {
            int length = poll(into);
            if (length >= 0) {
                return length;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("the ring stayed empty for " + timeout.toMillis() + " ms: is its producer alive?");
            }
            pause(attempt);
        }
    }

    private void pause(int attempt) {
        if (waiting == Waiting.SPIN || attempt < 200) {
            Thread.onSpinWait();
        } else if (attempt < 400) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(50_000);
        }
    }

    /** Detaches; the creator also removes the file and its directory. */
    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
