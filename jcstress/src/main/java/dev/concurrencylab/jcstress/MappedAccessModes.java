package dev.concurrencylab.jcstress;

import dev.concurrencylab.ipc.PrivateDirectory;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The shared-memory lesson's access modes, on a memory-mapped file as the lesson uses them: one
 * thread writes a payload (42) and then a flag (1); the other reads the flag and then the
 * payload. Seeing the flag without the payload ("1, 0") is the message-passing failure.
 *
 * <p>Memory consistency effects, as the {@link VarHandle} access modes promise them: a
 * {@code setRelease} of the flag publishes every write before it to a thread whose
 * {@code getAcquire} reads that flag; {@code setVolatile}/{@code getVolatile} do that and also
 * keep one total order of all volatile accesses; plain {@code set}/{@code get} promise nothing
 * between threads, and the JIT may reorder them.
 */
public final class MappedAccessModes {

    private MappedAccessModes() {}

    static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /**
     * One mapped file per test JVM, cut into 64-byte slots (a cache line each): jcstress makes
     * many states per run, and a file per state would test the file system instead. A state takes
     * the next slot and zeroes it; slots are reused long after their state is done.
     */
    static final class Region {
        static final int SLOT_BYTES = 64;
        static final int SLOTS = 1 << 18; // 16 MiB
        static final MappedByteBuffer BUFFER = map();
        static final AtomicInteger NEXT = new AtomicInteger();

        private static MappedByteBuffer map() {
            try {
                PrivateDirectory directory = PrivateDirectory.create("jcstress"); // owner-only, removed at exit
                Path file = directory.createOwnerOnlyFile("segment");
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    return channel.map(FileChannel.MapMode.READ_WRITE, 0, (long) SLOT_BYTES * SLOTS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static int slot() {
            int base = (NEXT.getAndIncrement() & (SLOTS - 1)) * SLOT_BYTES;
            INTS.set(BUFFER, base, 0);
            INTS.set(BUFFER, base + 4, 0);
            return base;
        }
    }

    /** Broken: plain writes and reads of the mapped ints. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 42", "1, 42"}, expect = ACCEPTABLE, desc = "nothing yet, or the payload seen with or before the flag")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "the flag without the payload: plain accesses reordered")
    @State
    public static class Plain {
        final int payload = Region.slot();
        final int flag = payload + 4;

        @Actor
        public void writer() {
            INTS.set(Region.BUFFER, payload, 42);
            INTS.set(Region.BUFFER, flag, 1);
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = (int) INTS.get(Region.BUFFER, flag);
            r.r2 = (int) INTS.get(Region.BUFFER, payload);
        }
    }

    /** Fixed: the flag written with release, read with acquire; the payload may stay plain. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 42", "1, 42"}, expect = ACCEPTABLE, desc = "nothing yet, or the payload seen with or before the flag")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "an acquire that saw the flag but not what was released with it")
    @State
    public static class ReleaseAcquire {
        final int payload = Region.slot();
        final int flag = payload + 4;

        @Actor
        public void writer() {
            INTS.set(Region.BUFFER, payload, 42);
            INTS.setRelease(Region.BUFFER, flag, 1);
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = (int) INTS.getAcquire(Region.BUFFER, flag);
            r.r2 = (int) INTS.get(Region.BUFFER, payload);
        }
    }

    /** Fixed, with more than it needs: volatile accesses for both. */
    @JCStressTest
    @Outcome(id = {"0, 0", "0, 42", "1, 42"}, expect = ACCEPTABLE, desc = "nothing yet, or the payload seen with or before the flag")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "a volatile read that saw the flag but not the payload")
    @State
    public static class Volatile {
        final int payload = Region.slot();
        final int flag = payload + 4;

        @Actor
        public void writer() {
            INTS.setVolatile(Region.BUFFER, payload, 42);
            INTS.setVolatile(Region.BUFFER, flag, 1);
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = (int) INTS.getVolatile(Region.BUFFER, flag);
            r.r2 = (int) INTS.getVolatile(Region.BUFFER, payload);
        }
    }
}
