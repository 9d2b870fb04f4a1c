package dev.concurrencylab.ipc;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Longs in memory that several JVMs map at once, whichever way they are mapped: a
 * {@link java.nio.MappedByteBuffer} ({@link SharedMemory}, any JDK) or a {@code MemorySegment}
 * from the FFM API ({@code MappedSegmentLongs} in {@code src/main/java22}, JDK 22+). Both map the
 * same file the same way, so a process of one kind and a process of the other share the counters.
 *
 * <p>Memory consistency effects: {@link #getAndAdd}, {@link #compareAndSet},
 * {@link #getVolatile} and {@link #setVolatile} have volatile semantics across the processes
 * sharing the mapping, as they do across threads; {@link #get} and {@link #set} are opaque (each
 * really touches memory, in no promised order).
 */
public interface SharedLongs extends AutoCloseable {

    /** Maps the shared longs another process created, given the file. */
    @FunctionalInterface
    interface Mapper {
        SharedLongs attach(Path file) throws IOException;
    }

    long get(int index);

    void set(int index, long value);

    long getVolatile(int index);

    void setVolatile(int index, long value);

    /** Atomically adds {@code delta}; returns the value before. */
    long getAndAdd(int index, long delta);

    boolean compareAndSet(int index, long expected, long value);

    /** {@code set(get() + 1)}: two separate steps, so concurrent processes lose updates. */
    default void incrementUnsynchronized(int index) {
        set(index, get(index) + 1);
    }

    /**
     * Runs {@code update} while holding a spin lock kept in slot {@code lockIndex} (0 = free,
     * otherwise the holder's pid), as Python's {@code with value.get_lock():}. A holder that dies
     * leaves the lock taken: like Python's, this lock is not robust against crashes.
     */
    default void withLock(int lockIndex, Runnable update) {
        long me = ProcessHandle.current().pid();
        int spins = 0;
        while (!compareAndSet(lockIndex, 0, me)) {
            if (++spins % 64 == 0) {
                Thread.yield(); // let the holder run if it shares our core
            } else {
                Thread.onSpinWait();
            }
        }
        try {
            update.run();
        } finally {
            setVolatile(lockIndex, 0L);
        }
    }

    @Override
    void close() throws IOException;
}
