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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 02. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader02Event {

    @Test
    @Order(1)
    @DisplayName("await on an unset event returns false once its timeout has passed")
    void timesOut(Subject<Threads.Event> subject) throws Exception {
        Threads.Event event = subject.create();
        assertThat(event.isSet()).withFailMessage("a new event is already set").isFalse();
        long start = System.nanoTime();
        boolean result = event.await(Duration.ofMillis(100));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(result).withFailMessage("await returned true on an event nobody set").isFalse();
        assertThat(millis).withFailMessage("await(100 ms) returned after %d ms, before its timeout", millis).isGreaterThanOrEqualTo(90);
    }

    @Test
    @Order(2)
    @DisplayName("on a set event, await returns true at once")
    void alreadySet(Subject<Threads.Event> subject) throws Exception {
        Threads.Event event = subject.create();
        event.set();
        assertThat(event.isSet()).withFailMessage("isSet() is false after set()").isTrue();
        try (Bounded threads = new Bounded()) {
            boolean[] result = new boolean[1];
            Thread waiter = threads.start("waiter", () -> result[0] = event.await(Duration.ofMinutes(1)));
            assertThat(Bounded.until(() -> !waiter.isAlive(), Bounded.MUST_HAPPEN))
                    .withFailMessage("await(1 minute) on a set event had not returned after %d s", Bounded.MUST_HAPPEN.toSeconds())
                    .isTrue();
            threads.assertNothingThrown("await");
            assertThat(result[0]).withFailMessage("await returned false on a set event").isTrue();
        }
    }

    @Test
    @Order(3)
    @DisplayName("three threads waiting a minute all wake when set() is called")
    void setWakesEveryWaiter(Subject<Threads.Event> subject) throws Exception {
        Threads.Event event = subject.create();
        AtomicInteger woken = new AtomicInteger();
        try (Bounded threads = new Bounded()) {
            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                waiters.add(threads.start("waiter-" + i, () -> {
                    if (event.await(Duration.ofMinutes(1))) {
                        woken.incrementAndGet();
                    }
                }));
            }
            for (Thread waiter : waiters) {
                assertThat(Bounded.waitsOrEnds(waiter, Bounded.MUST_HAPPEN)).withFailMessage("%s never started waiting",
                        waiter.getName()).isTrue();
            }
            threads.assertNothingThrown("await");
            assertThat(woken.get()).withFailMessage("await returned true before set() was called").isZero();
            event.set();
            boolean allWoke = threads.allEnded(Bounded.MUST_HAPPEN);
            long stillWaiting = waiters.stream().filter(Thread::isAlive).count();
            assertThat(allWoke).withFailMessage("%d of 3 waiting threads were still waiting %d s after set()", stillWaiting,
                    Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("await");
            assertThat(woken.get()).withFailMessage("only %d of 3 waiters saw the event set", woken.get()).isEqualTo(3);
        }
    }

    @Test
    @Order(4)
    @DisplayName("clear() makes a set event unset again")
    void clears(Subject<Threads.Event> subject) throws Exception {
        Threads.Event event = subject.create();
        event.set();
        event.clear();
        assertThat(event.isSet()).withFailMessage("isSet() is true after clear()").isFalse();
        assertThat(event.await(Duration.ofMillis(50))).withFailMessage("await returned true on a cleared event").isFalse();
    }
}
