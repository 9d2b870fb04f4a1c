package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 07. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader07InterruptibleWorker {

    /** Units that count what is done, and that the grader can end (so that a worker that ignores interrupts still stops). */
    static final class CountedUnits implements Threads.Units {
        final int limit;
        final AtomicInteger done = new AtomicInteger();
        final AtomicBoolean ended = new AtomicBoolean();

        CountedUnits(int limit) {
            this.limit = limit;
        }

        @Override
        public boolean hasNext() {
            return !ended.get() && done.get() < limit;
        }

        @Override
        public void doOne() throws InterruptedException {
            done.incrementAndGet();
            Thread.sleep(1);
        }
    }

    @Test
    @Order(1)
    @DisplayName("left alone, it does every unit and returns how many")
    void allUnits(Subject<Threads.Worker> subject) throws Exception {
        Threads.Worker worker = subject.create();
        CountedUnits units = new CountedUnits(50);
        int[] returned = {-1};
        try (Bounded threads = new Bounded()) {
            Thread thread = threads.start("worker", () -> returned[0] = worker.work(units));
            boolean ended = Bounded.until(() -> !thread.isAlive(), Bounded.MUST_HAPPEN);
            units.ended.set(true);
            assertThat(ended).withFailMessage("50 units of 1 ms were not done after %d s", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("work()");
        }
        assertThat(units.done.get()).withFailMessage("it did %d of 50 units", units.done.get()).isEqualTo(50);
        assertThat(returned[0]).withFailMessage("it returned %d after doing 50 units", returned[0]).isEqualTo(50);
    }

    @Test
    @Order(2)
    @DisplayName("interrupted, it does at most one more unit, returns, and leaves its interrupt flag set")
    void stopsOnInterrupt(Subject<Threads.Worker> subject) throws Exception {
        Threads.Worker worker = subject.create();
        CountedUnits units = new CountedUnits(100_000);
        int[] returned = {-1};
        boolean[] flagAfter = {false};
        try (Bounded threads = new Bounded()) {
            Thread thread = threads.start("worker", () -> {
                returned[0] = worker.work(units);
                flagAfter[0] = Thread.currentThread().isInterrupted();
            });
            Bounded.until(() -> units.done.get() >= 5 || !thread.isAlive(), Bounded.MUST_HAPPEN);
            threads.assertNothingThrown("work()");
            assertThat(units.done.get()).withFailMessage("it had done %d units after %d s, and %s", units.done.get(),
                    Bounded.MUST_HAPPEN.toSeconds(), thread.isAlive() ? "was still running" : "had returned").isGreaterThanOrEqualTo(5);
            int atInterrupt = units.done.get();
            thread.interrupt();
            // A worker that stops ends now; one that swallowed the interrupt goes on doing units.
            Bounded.until(() -> !thread.isAlive() || units.done.get() > atInterrupt + 50, Bounded.MUST_HAPPEN);
            int after = units.done.get() - atInterrupt;
            boolean stopped = !thread.isAlive();
            units.ended.set(true); // ends a worker that ignored the interrupt
            assertThat(stopped).withFailMessage("it kept working after interrupt(): %d more units and still going", after).isTrue();
            threads.assertNothingThrown("work()");
            assertThat(after).withFailMessage("it did %d more units after interrupt()", after).isLessThanOrEqualTo(1);
        }
        assertThat(returned[0]).withFailMessage("it returned %d after doing %d units", returned[0], units.done.get())
                .isBetween(units.done.get() - 1, units.done.get());
        assertThat(flagAfter[0]).withFailMessage("it returned with its thread's interrupt flag cleared: whoever runs it cannot "
                + "tell that it was interrupted").isTrue();
    }
}
