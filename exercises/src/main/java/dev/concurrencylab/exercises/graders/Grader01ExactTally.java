package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 01: the forced schedule first (it never depends on luck), then many threads at once. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader01ExactTally {

    /** A cell that holds the first thread to write, inside its write (after its read), until released. */
    static final class PausingCell implements Threads.Cell {
        volatile long value;
        final AtomicBoolean holdNextWriter;
        final CountDownLatch reachedWrite = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        PausingCell(boolean holdFirstWriter) {
            this.holdNextWriter = new AtomicBoolean(holdFirstWriter);
        }

        @Override
        public long read() {
            return value;
        }

        @Override
        public void write(long newValue) {
            if (holdNextWriter.compareAndSet(true, false)) {
                reachedWrite.countDown();
                try {
                    release.await(Bounded.MUST_HAPPEN.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            value = newValue;
        }
    }

    @Test
    @Order(1)
    @DisplayName("a second increment waits while the first is between its read and its write")
    void forcedSchedule(Subject<Threads.Tally> subject) throws Exception {
        Threads.Tally tally = subject.create();
        PausingCell cell = new PausingCell(true);
        try (Bounded threads = new Bounded()) {
            Thread first = threads.start("first increment", () -> tally.increment(cell));
            Bounded.until(() -> cell.reachedWrite.getCount() == 0 || !first.isAlive(), Bounded.MUST_HAPPEN);
            threads.assertNothingThrown("the first increment");
            assertThat(cell.reachedWrite.getCount()).withFailMessage("the first increment did not write to the cell within %d s",
                    Bounded.MUST_HAPPEN.toSeconds()).isZero();
            Thread second = threads.start("second increment", () -> tally.increment(cell));
            // A lock makes the second thread wait (blocked, or spinning for a while); without one it finishes.
            Bounded.until(() -> !second.isAlive(), Timeouts.seconds(2));
            boolean overtook = first.isAlive() && !second.isAlive();
            cell.release.countDown();
            assertThat(threads.allEnded(Bounded.MUST_HAPPEN)).withFailMessage("the increments did not end within %d s after "
                    + "the first was released", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the increments");
            assertThat(overtook && cell.value != 2).withFailMessage("lost an update: the second increment ran to its end while "
                    + "the first was between its read and its write; the cell ends at %d after 2 increments", cell.value).isFalse();
            assertThat(cell.value).withFailMessage("the cell ends at %d after 2 increments", cell.value).isEqualTo(2);
        }
    }

    @Test
    @Order(2)
    @DisplayName("8 threads x 50 000 increments on one tally: none lost")
    void manyThreads(Subject<Threads.Tally> subject) throws Exception {
        Threads.Tally tally = subject.create();
        PausingCell cell = new PausingCell(false); // no thread is held: a plain volatile cell
        int perThread = 50_000;
        try (Bounded threads = new Bounded()) {
            for (int t = 0; t < 8; t++) {
                threads.start("incrementer-" + t, () -> {
                    for (int i = 0; i < perThread; i++) {
                        tally.increment(cell);
                    }
                });
            }
            assertThat(threads.allEnded(Bounded.MUST_HAPPEN)).withFailMessage("the threads had not finished "
                    + "after %d s", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the increments");
            long expected = 8L * perThread;
            assertThat(cell.value).withFailMessage("lost %,d of %,d increments", expected - cell.value, expected).isEqualTo(expected);
        }
    }
}
