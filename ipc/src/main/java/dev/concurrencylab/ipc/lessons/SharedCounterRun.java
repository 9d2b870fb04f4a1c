package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.NewerJdkPart;
import dev.concurrencylab.ipc.SharedLongs;
import dev.concurrencylab.ipc.SharedMemory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Child JVMs incrementing counters in one {@link SharedMemory}, phase by phase, each child mapping
 * it the {@link Mapping} way.
 *
 * <p>Slots: 0 unsynchronized counter, 1 atomic counter, 2 lock, 3 counter guarded by the lock,
 * 4 start barrier. For each phase the parent sends the same command to every child; each child
 * first checks in at the barrier and spins until all have, so that their loops really overlap
 * (a child that started a millisecond late could finish a short loop alone and lose nothing).
 */
final class SharedCounterRun implements AutoCloseable {

    /** How the children map the shared file. */
    enum Mapping {
        /** {@code FileChannel.map} to a {@code MappedByteBuffer}: any JDK. */
        BUFFER,
        /** {@code FileChannel.map} to a {@code MemorySegment} in an {@code Arena} (FFM API): JDK 22+. */
        SEGMENT;

        /** The FFM mapper, when this build and JVM have it. */
        static NewerJdkPart<SharedLongs.Mapper> segments() {
            return NewerJdkPart.fromJdk22(SharedLongs.Mapper.class, "dev.concurrencylab.ipc.jdk22.MappedSegmentLongs");
        }

        SharedLongs attach(Path file) throws IOException {
            return switch (this) {
                case BUFFER -> SharedMemory.attach(file);
                case SEGMENT -> segments().get()
                        .orElseThrow(() -> new IllegalStateException("FFM mapping: " + segments().unavailable().orElseThrow()))
                        .attach(file);
            };
        }
    }

    static final int UNSYNCHRONIZED = 0;
    static final int ATOMIC = 1;
    static final int LOCK = 2;
    static final int LOCKED = 3;
    static final int BARRIER = 4;

    private final SharedMemory memory;
    private final List<ChildJvm> children = new ArrayList<>();
    private int phases;

    SharedCounterRun(int processes, Mapping mapping) throws IOException {
        memory = SharedMemory.create(5);
        try {
            for (int i = 0; i < processes; i++) {
                children.add(ChildJvm.builder(CounterChild.class).name(mapping.name().toLowerCase() + "-incrementer-" + i)
                        .timeout(Timeouts.seconds(300))
                        .arguments(memory.file().toString(), Integer.toString(processes), mapping.name()).start());
            }
            for (ChildJvm child : children) {
                child.awaitReady(Timeouts.seconds(60));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Every child does {@code increments} of the given kind at once; returns the wall seconds. */
    double phase(String kind, long increments) throws IOException {
        phases++;
        long start = System.nanoTime();
        for (ChildJvm child : children) {
            child.sendLine(kind + " " + increments + " " + phases);
        }
        for (ChildJvm child : children) {
            child.awaitLine("done"::equals, Timeouts.seconds(300), "finish " + kind);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    long value(int slot) {
        return memory.getVolatile(slot);
    }

    @Override
    public void close() throws IOException {
        children.forEach(ChildJvm::close);
        memory.close();
    }

    /**
     * Child JVM: attaches to the shared memory (mapped as its third argument says) and runs the
     * phases it is told to; a fourth argument, if any, is how many seconds (scaled) the start
     * barrier waits for the others, 10 otherwise.
     */
    static final class CounterChild {
        public static void main(String[] args) throws IOException {
            ChildSide.exitWhenParentDies();
            int processes = Integer.parseInt(args[1]);
            Duration barrierBound = Timeouts.seconds(args.length > 3 ? Integer.parseInt(args[3]) : 10);
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (SharedLongs memory = Mapping.valueOf(args[2]).attach(Path.of(args[0]))) {
                ChildSide.sayReady();
                for (String line; (line = stdin.readLine()) != null; ) {
                    String[] command = line.split(" ");
                    long increments = Long.parseLong(command[1]);
                    long phase = Long.parseLong(command[2]);
                    memory.getAndAdd(BARRIER, 1);
                    // The barrier is built on the primitive the lesson tests: if getAndAdd were broken,
                    // a check-in could be lost and the spin would never end. So it has a bound.
                    long deadline = System.nanoTime() + barrierBound.toNanos();
                    while (memory.getVolatile(BARRIER) < phase * processes) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new IllegalStateException("the start barrier saw " + memory.getVolatile(BARRIER) + " of "
                                    + phase * processes + " check-ins within " + barrierBound.toMillis() / 1000.0
                                    + " s: a check-in was lost (is getAndAdd atomic?) or a child died");
                        }
                        Thread.onSpinWait();
                    }
                    switch (command[0]) {
                        case "unsynchronized" -> {
                            for (long i = 0; i < increments; i++) {
                                memory.incrementUnsynchronized(UNSYNCHRONIZED);
                            }
                        }
                        case "atomic" -> {
                            for (long i = 0; i < increments; i++) {
                                memory.getAndAdd(ATOMIC, 1);
                            }
                        }
                        case "locked" -> {
                            for (long i = 0; i < increments; i++) {
                                memory.withLock(LOCK, () -> memory.set(LOCKED, memory.get(LOCKED) + 1));
                            }
                        }
                        default -> throw new IllegalArgumentException("unknown phase " + command[0]);
                    }
                    System.out.println("done");
                }
            }
        }
    }
}
