package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.ipc.Ipc;
import dev.concurrencylab.ipc.SharedLongs;
import dev.concurrencylab.ipc.SharedMemory;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 12. Slots: 0 the counter, 1 the lock, 2 the child JVMs' start barrier. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader12SharedCounter {

    static final int COUNTER = 0;
    static final int LOCK = 1;
    static final int BARRIER = 2;

    /** Shared longs that hold the first thread to write the counter slot, after its read, until released. */
    static final class PausingLongs implements SharedLongs {
        private final SharedLongs memory;
        final AtomicBoolean holdNextWriter = new AtomicBoolean(true);
        final CountDownLatch reachedWrite = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        PausingLongs(SharedLongs memory) {
            this.memory = memory;
        }

        private void maybeHold(int index) {
            if (index == COUNTER && holdNextWriter.compareAndSet(true, false)) {
                reachedWrite.countDown();
                try {
                    release.await(Bounded.CHILD_MUST_HAPPEN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public long get(int index) {
            return memory.get(index);
        }

        @Override
        public void set(int index, long value) {
            maybeHold(index);
            memory.set(index, value);
        }

        @Override
        public long getVolatile(int index) {
            return memory.getVolatile(index);
        }

        @Override
        public void setVolatile(int index, long value) {
            maybeHold(index);
            memory.setVolatile(index, value);
        }

        @Override
        public long getAndAdd(int index, long delta) {
            return memory.getAndAdd(index, delta);
        }

        @Override
        public boolean compareAndSet(int index, long expected, long value) {
            return memory.compareAndSet(index, expected, value);
        }

        @Override
        public void close() {
        }
    }

    @Test
    @Order(1)
    @DisplayName("an increment paused between its read and its write loses nothing to one that runs meanwhile")
    void forcedSchedule(Subject<Ipc.SharedIncrement> subject) throws Exception {
        Ipc.SharedIncrement increment = subject.create();
        try (SharedMemory memory = SharedMemory.create(3); Bounded threads = new Bounded()) {
            PausingLongs pausing = new PausingLongs(memory);
            Thread first = threads.start("first increment", () -> increment.increment(pausing, COUNTER, LOCK));
            // An atomic increment never writes the slot with set: it simply ends.
            assertThat(Bounded.until(() -> pausing.reachedWrite.getCount() == 0 || !first.isAlive(), Bounded.CHILD_MUST_HAPPEN))
                    .withFailMessage("the first increment neither wrote the slot nor ended within %d s",
                            Bounded.CHILD_MUST_HAPPEN.toSeconds()).isTrue();
            Thread second = threads.start("second increment", () -> increment.increment(pausing, COUNTER, LOCK));
            Bounded.until(() -> !second.isAlive(), Timeouts.seconds(2)); // a lock holds it back; nothing else does
            boolean overtook = first.isAlive() && !second.isAlive();
            pausing.release.countDown();
            assertThat(threads.allEnded(Bounded.CHILD_MUST_HAPPEN)).withFailMessage("the increments had not ended %d s after the "
                    + "first was released", Bounded.CHILD_MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the increments");
            long value = memory.getVolatile(COUNTER);
            assertThat(overtook && value != 2).withFailMessage("lost an update: the second increment ran to its end while the "
                    + "first was between its read and its write; the slot ends at %d after 2 increments", value).isFalse();
            assertThat(value).withFailMessage("the slot ends at %d after 2 increments", value).isEqualTo(2);
        }
    }

    /** A child JVM that increments the counter with the implementation it is named, once every child has checked in. */
    public static final class Incrementer {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            Ipc.SharedIncrement increment = Class.forName(args[1]).asSubclass(Ipc.SharedIncrement.class)
                    .getDeclaredConstructor().newInstance();
            int times = Integer.parseInt(args[2]);
            int children = Integer.parseInt(args[3]);
            try (SharedMemory memory = SharedMemory.attach(Path.of(args[0]))) {
                memory.getAndAdd(BARRIER, 1);
                long deadline = System.nanoTime() + Timeouts.seconds(30).toNanos();
                while (memory.getVolatile(BARRIER) < children && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // both loops start together, so that they overlap
                }
                for (int i = 0; i < times; i++) {
                    increment.increment(memory, COUNTER, LOCK);
                }
            }
            System.out.println("done");
        }
    }

    @Test
    @Order(2)
    @DisplayName("two child JVMs x 200 000 increments of one slot: the total is exact")
    void twoJvms(Subject<Ipc.SharedIncrement> subject) throws IOException {
        int times = 200_000;
        try (SharedMemory memory = SharedMemory.create(3)) {
            List<ChildJvm> children = List.of(child(memory, subject, times, 0), child(memory, subject, times, 1));
            try {
                for (ChildJvm child : children) {
                    child.awaitLine("done"::equals, Bounded.CHILD_MUST_HAPPEN.multipliedBy(6), "finish its increments");
                }
            } finally {
                children.forEach(ChildJvm::close);
            }
            long expected = 2L * times;
            long value = memory.getVolatile(COUNTER);
            assertThat(value).withFailMessage("lost %,d of %,d increments across the two JVMs", expected - value, expected)
                    .isEqualTo(expected);
        }
    }

    private static ChildJvm child(SharedMemory memory, Subject<Ipc.SharedIncrement> subject, int times, int index) {
        return ChildJvm.builder(Incrementer.class).name("shared-incrementer-" + index).timeout(Timeouts.seconds(300))
                .arguments(memory.file().toString(), subject.implementation().getName(), Integer.toString(times), "2").start();
    }
}
