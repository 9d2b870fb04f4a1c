package dev.concurrencylab.ipc;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An array of longs that several JVMs map into memory at once: the counterpart of Python's
 * {@code multiprocessing.Value} and {@code Array}.
 *
 * <h2>Overview</h2>
 * The creator makes a file of {@code length × 8} bytes in a {@link PrivateDirectory} and maps it;
 * other processes {@link #attach} to the same file. What one process writes, the others read
 * through the same physical pages, with no copy and no system call. The file is only the name of
 * the memory; it is deleted when the creator closes.
 *
 * <p>Access goes through a {@link VarHandle} over the mapped buffer, which offers every memory
 * order the JVM has. {@link #get}/{@link #set} are <em>opaque</em>: each really reads or writes
 * memory (the JIT may not keep the value in a register), but nothing more. So
 * {@link #incrementUnsynchronized} is a read then a write, and two processes doing it at once
 * lose updates, as Python's {@code Value('i', 0, lock=False)} does. {@link #getAndAdd} and
 * {@link #compareAndSet} are atomic read-modify-writes (a {@code lock xadd} or CAS on x86),
 * exact however many processes share the slot. {@link #withLock} guards a compound update with a
 * lock that lives in the shared memory itself.
 *
 * <p>Memory consistency effects: {@link #getAndAdd} and {@link #compareAndSet} have volatile
 * semantics across the processes sharing the mapping, as they do across threads.
 */
public final class SharedMemory implements SharedLongs {

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer memory;
    private final int length;
    private final Path file;
    private final PrivateDirectory owned; // null when attached

    private SharedMemory(MappedByteBuffer memory, int length, Path file, PrivateDirectory owned) {
        this.memory = memory;
        this.length = length;
        this.file = file;
        this.owned = owned;
    }

    /** Creates {@code length} shared longs, all zero, in a new private directory. */
    public static SharedMemory create(int length) throws IOException {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, not " + length);
        }
        PrivateDirectory directory = PrivateDirectory.create("shm");
        try {
            Path file = directory.createOwnerOnlyFile("longs");
            return new SharedMemory(map(file, length), length, file, directory);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
    }

    /** Maps the shared longs another process created, given its {@link #file()}. */
    public static SharedMemory attach(Path file) throws IOException {
        long bytes = Files.size(file);
        if (bytes % Long.BYTES != 0 || bytes == 0 || bytes / Long.BYTES > Integer.MAX_VALUE) {
            throw new IOException(file + " is not a shared long array (" + bytes + " bytes)");
        }
        int length = (int) (bytes / Long.BYTES);
        return new SharedMemory(map(file, length), length, file, null);
    }

    private static MappedByteBuffer map(Path file, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // Mapping grows a new, empty file to the length, zero-filled. The mapping outlives the channel.
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) length * Long.BYTES);
        }
    }

    /** The file other processes pass to {@link #attach}. */
    public Path file() {
        return file;
    }

    public int length() {
        return length;
    }

    private int offset(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of " + length + " shared longs");
        }
        return index * Long.BYTES;
    }

    @Override
    public long get(int index) {
        return (long) LONGS.getOpaque(memory, offset(index));
    }

    @Override
    public void set(int index, long value) {
        LONGS.setOpaque(memory, offset(index), value);
    }

    @Override
    public long getVolatile(int index) {
        return (long) LONGS.getVolatile(memory, offset(index));
    }

    @Override
    public void setVolatile(int index, long value) {
        LONGS.setVolatile(memory, offset(index), value);
    }

    @Override
    public long getAndAdd(int index, long delta) {
        return (long) LONGS.getAndAdd(memory, offset(index), delta);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long value) {
        return LONGS.compareAndSet(memory, offset(index), expected, value);
    }

    /**
     * Detaches; the creator also deletes the file and its directory. The pages stay mapped until
     * the buffer is garbage collected (a MappedByteBuffer cannot be unmapped on demand; the FFM
     * API's MappedSegmentLongs can), so do not use this object after closing it.
     */
    @Override
    public void close() throws IOException {
        if (owned != null) {
            owned.close();
        }
    }
}
