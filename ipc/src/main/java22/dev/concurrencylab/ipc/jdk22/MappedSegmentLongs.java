package dev.concurrencylab.ipc.jdk22;

import dev.concurrencylab.ipc.SharedLongs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The shared longs of {@link dev.concurrencylab.ipc.SharedMemory}, mapped with the FFM API (final
 * in JDK 22): {@code FileChannel.map(mode, offset, size, arena)} gives a {@link MemorySegment}
 * whose lifetime is its {@link Arena}'s. Closing the arena unmaps the pages at once, which a
 * {@code MappedByteBuffer} cannot do (its pages stay mapped until the GC collects it), and any
 * later access throws instead of touching unmapped memory.
 *
 * <p>Access goes through {@link ValueLayout#JAVA_LONG}'s {@link VarHandle}, with the same modes as
 * the buffer version: opaque {@link #get}/{@link #set}, volatile {@link #getVolatile}/
 * {@link #setVolatile}, and atomic {@link #getAndAdd}/{@link #compareAndSet} (volatile
 * semantics across the processes sharing the mapping). A shared arena: any thread may use and
 * close it.
 */
public final class MappedSegmentLongs implements SharedLongs, SharedLongs.Mapper {

    // (MemorySegment, long base offset, long index): the index is scaled by 8 and checked against the segment.
    private static final VarHandle LONGS = MethodHandles.insertCoordinates(
            ValueLayout.JAVA_LONG.arrayElementVarHandle(), 1, 0L);

    private final Arena arena;
    private final MemorySegment memory;

    /** The mapper that {@code NewerJdkPart} loads; {@link #attach} makes the mapped instances. */
    public MappedSegmentLongs() {
        this.arena = null;
        this.memory = null;
    }

    private MappedSegmentLongs(Arena arena, MemorySegment memory) {
        this.arena = arena;
        this.memory = memory;
    }

    @Override
    public SharedLongs attach(Path file) throws IOException {
        long bytes = Files.size(file);
        if (bytes % Long.BYTES != 0 || bytes == 0) {
            throw new IOException(file + " is not a shared long array (" + bytes + " bytes)");
        }
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new MappedSegmentLongs(arena, channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, arena));
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private MemorySegment memory() {
        if (memory == null) {
            throw new IllegalStateException("this is the mapper; attach() a file to get shared longs");
        }
        return memory;
    }

    @Override
    public long get(int index) {
        return (long) LONGS.getOpaque(memory(), (long) index);
    }

    @Override
    public void set(int index, long value) {
        LONGS.setOpaque(memory(), (long) index, value);
    }

    @Override
    public long getVolatile(int index) {
        return (long) LONGS.getVolatile(memory(), (long) index);
    }

    @Override
    public void setVolatile(int index, long value) {
        LONGS.setVolatile(memory(), (long) index, value);
    }

    @Override
    public long getAndAdd(int index, long delta) {
        return (long) LONGS.getAndAdd(memory(), (long) index, delta);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long value) {
        return LONGS.compareAndSet(memory(), (long) index, expected, value);
    }

    /** Unmaps the pages now: any use after this throws {@link IllegalStateException}. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
