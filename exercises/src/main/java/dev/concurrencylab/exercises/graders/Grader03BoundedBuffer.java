package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.exercises.Grading;
import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.TracedFailure;
import dev.concurrencylab.exercises.monitors.ChosenWakeUps;
import dev.concurrencylab.exercises.monitors.MonitorCalls;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 03. Every call that might wait runs on a grader thread, so that a wrong wait is reported, not hung on. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader03BoundedBuffer {

    /** The capacity these checks build buffers with; the explored check uses 1, where a lost wake-up needs the fewest threads. */
    static final int CAPACITY = 4;

    private static void finished(Bounded threads, String what) {
        assertThat(threads.allEnded(Bounded.MUST_HAPPEN)).withFailMessage("%s had not returned after %d s", what,
                Bounded.MUST_HAPPEN.toSeconds()).isTrue();
        threads.assertNothingThrown("the buffer");
    }

    @Test
    @Order(1)
    @DisplayName("items come out in the order they went in")
    void fifo(Subject<Threads.BoundedBuffer> subject) throws Exception {
        Threads.BoundedBuffer buffer = subject.create(CAPACITY);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        try (Bounded threads = new Bounded()) {
            threads.start("fill and drain", () -> {
                for (int i = 1; i <= buffer.capacity(); i++) {
                    buffer.put(i);
                }
                for (int i = 1; i <= buffer.capacity(); i++) {
                    out.add(buffer.take());
                }
            });
            finished(threads, "putting " + buffer.capacity() + " items and taking them");
        }
        assertThat(out).withFailMessage("put 1..%d, took %s", buffer.capacity(), out)
                .isEqualTo(IntStream.rangeClosed(1, buffer.capacity()).boxed().toList());
    }

    @Test
    @Order(2)
    @DisplayName("a put into a full buffer waits until a take makes room")
    void putWaitsWhenFull(Subject<Threads.BoundedBuffer> subject) throws Exception {
        Threads.BoundedBuffer buffer = subject.create(CAPACITY);
        int capacity = buffer.capacity();
        try (Bounded threads = new Bounded()) {
            threads.start("fill", () -> {
                for (int i = 1; i <= capacity; i++) {
                    buffer.put(i);
                }
            });
            finished(threads, "filling the buffer");
            Thread extra = threads.start("one put too many", () -> buffer.put(99));
            assertThat(Bounded.waitsOrEnds(extra, Bounded.MUST_HAPPEN)).isTrue();
            Bounded.until(() -> !extra.isAlive(), Timeouts.seconds(0.3)); // a put that does not wait ends now
            assertThat(extra.isAlive()).withFailMessage("a put into a full buffer of %d returned at once instead of waiting%s",
                    capacity, threads.failures().isEmpty() ? "" : " (it threw " + threads.failures().getFirst() + ")").isTrue();
            List<Integer> out = Collections.synchronizedList(new ArrayList<>());
            threads.start("take one", () -> out.add(buffer.take()));
            assertThat(Bounded.until(() -> !extra.isAlive(), Bounded.MUST_HAPPEN))
                    .withFailMessage("the waiting put was still waiting %d s after a take made room", Bounded.MUST_HAPPEN.toSeconds())
                    .isTrue();
            threads.start("drain", () -> {
                for (int i = 0; i < capacity; i++) {
                    out.add(buffer.take());
                }
            });
            finished(threads, "taking what was left");
            List<Integer> expected = new ArrayList<>(IntStream.rangeClosed(1, capacity).boxed().toList());
            expected.add(99);
            assertThat(out).withFailMessage("took %s, expected %s", out, expected).isEqualTo(expected);
        }
    }

    @Test
    @Order(3)
    @DisplayName("a take from an empty buffer waits until a put")
    void takeWaitsWhenEmpty(Subject<Threads.BoundedBuffer> subject) throws Exception {
        Threads.BoundedBuffer buffer = subject.create(CAPACITY);
        int[] taken = {-1};
        try (Bounded threads = new Bounded()) {
            Thread taker = threads.start("take from empty", () -> taken[0] = buffer.take());
            assertThat(Bounded.waitsOrEnds(taker, Bounded.MUST_HAPPEN)).isTrue();
            Bounded.until(() -> !taker.isAlive(), Timeouts.seconds(0.3));
            assertThat(taker.isAlive()).withFailMessage("a take from an empty buffer returned %s instead of waiting",
                    threads.failures().isEmpty() ? taken[0] : "by throwing " + threads.failures().getFirst()).isTrue();
            threads.start("put one", () -> buffer.put(7));
            finished(threads, "the waiting take, after a put,");
            assertThat(taken[0]).withFailMessage("the waiting take returned %d, not the 7 put", taken[0]).isEqualTo(7);
        }
    }

    @Test
    @Order(4)
    @DisplayName("two producers and two consumers move 20 000 items: none lost or doubled")
    void manyThreads(Subject<Threads.BoundedBuffer> subject) throws Exception {
        Threads.BoundedBuffer buffer = subject.create(CAPACITY);
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        try (Bounded threads = new Bounded()) {
            for (int p = 0; p < 2; p++) {
                int base = p * 10_000;
                threads.start("producer-" + p, () -> {
                    for (int i = 0; i < 10_000; i++) {
                        buffer.put(base + i);
                    }
                });
            }
            for (int c = 0; c < 2; c++) {
                threads.start("consumer-" + c, () -> {
                    for (int i = 0; i < 10_000; i++) {
                        out.add(buffer.take());
                    }
                });
            }
            assertThat(threads.allEndedWhileMoving(out::size, Bounded.MUST_HAPPEN)).withFailMessage("moving 20 000 items "
                    + "stopped after %,d: no item came out for %d s", out.size(), Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the buffer");
        }
        List<Integer> sorted = out.stream().sorted().toList();
        long distinct = sorted.stream().distinct().count();
        assertThat(sorted).withFailMessage("took %,d items, %,d of them distinct, for 20,000 put", sorted.size(), distinct)
                .isEqualTo(IntStream.range(0, 20_000).boxed().toList());
    }

    @Test
    @Order(5)
    @DisplayName("two takes waiting on an empty buffer, one put: one take gets the item, the other goes on waiting")
    void oneItemWakesOneTake(Subject<Threads.BoundedBuffer> subject) throws Exception {
        // Both takes are seen waiting (thread states) before the put. A buffer that wakes both
        // (notifyAll, signalAll) lets the second one find the buffer empty again: it must check
        // again and wait, not take from an empty buffer. Then a second put releases it.
        Threads.BoundedBuffer buffer = subject.create(CAPACITY);
        List<Integer> took = Collections.synchronizedList(new ArrayList<>());
        try (Bounded threads = new Bounded()) {
            Thread first = threads.start("first take", () -> took.add(buffer.take()));
            assertThat(Bounded.waitsOrEnds(first, Bounded.MUST_HAPPEN)).isTrue();
            Thread second = threads.start("second take", () -> took.add(buffer.take()));
            assertThat(Bounded.waitsOrEnds(second, Bounded.MUST_HAPPEN)).isTrue();
            threads.start("one put", () -> buffer.put(1));
            assertThat(Bounded.until(() -> !first.isAlive() || !second.isAlive(), Bounded.MUST_HAPPEN))
                    .withFailMessage("neither waiting take returned %d s after a put", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            // The other take, woken or not, must be waiting again (or still): give a wrong one the time to return.
            Thread other = first.isAlive() ? first : second;
            Bounded.until(() -> !other.isAlive(), Timeouts.seconds(0.3));
            threads.assertNothingThrown("a take woken with one item for two");
            assertThat(other.isAlive()).withFailMessage("after one put, both waiting takes returned: %s", took).isTrue();
            threads.start("second put", () -> buffer.put(2));
            finished(threads, "the second take, after a second put,");
        }
        assertThat(took).withFailMessage("the two takes returned %s for puts of 1 and 2", took).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    @Order(6)
    @DisplayName("capacity 1, two consumers then two producers, and every notify() wakes the waiter least able to use it: nothing stalls")
    void wakeUpsThatReachTheWrongWaiter(Subject<Threads.BoundedBuffer> subject) throws Exception {
        // A notify() may wake any waiter (JLS 17.2.2). HotSpot wakes the longest waiter, and that
        // hides the classic mistake: producers and consumers waiting on one monitor, woken with
        // notify(), so that a put can wake a put and everyone ends up waiting. A copy of the class
        // whose wait and notify calls go to ChosenWakeUps runs one schedule that wakes the wrong
        // kind whenever it can: the same on every run. A buffer waiting on Conditions runs the
        // same scenario unchanged.
        MonitorCalls.Copy<Threads.BoundedBuffer> copy = MonitorCalls.copyOf(subject.implementation(), Threads.BoundedBuffer.class);
        Threads.BoundedBuffer buffer = new Subject<>(copy.type()).create(1);
        List<Integer> took = Collections.synchronizedList(new ArrayList<>());
        ChosenWakeUps wakeUps = ChosenWakeUps.install();
        try (Bounded threads = new Bounded()) {
            List<Thread> started = new ArrayList<>();
            for (int c = 1; c <= 2; c++) {
                String name = "consumer-" + c;
                started.add(threads.start(name, () -> {
                    for (int i = 0; i < 2; i++) {
                        wakeUps.note(name + ": calls take()");
                        int item = buffer.take();
                        wakeUps.note(name + ": take() returned " + item);
                        took.add(item);
                    }
                }));
                settle(wakeUps, started, threads);
            }
            for (int p = 1; p <= 2; p++) {
                String name = "producer-" + p;
                int base = 100 * p;
                started.add(threads.start(name, () -> {
                    for (int i = 1; i <= 2; i++) {
                        wakeUps.note(name + ": calls put(" + (base + i) + ")");
                        buffer.put(base + i);
                        wakeUps.note(name + ": put(" + (base + i) + ") returned");
                    }
                }));
                settle(wakeUps, started, threads);
            }
            while (started.stream().anyMatch(Thread::isAlive) && wakeUps.letOneGo(true).isPresent()) {
                settle(wakeUps, started, threads);
            }
            List<String> stuck = wakeUps.waiters();
            if (!stuck.isEmpty()) {
                throw new TracedFailure("every thread left waits on the buffer and only another waiting thread could wake it: "
                        + "a deadlock (where they wait: " + String.join("; ", stuck) + ")", Grading.trace(stuck, wakeUps.trace()));
            }
            finished(threads, "two producers and two consumers, each woken as late as the rules allow,");
        } finally {
            wakeUps.uninstall();
        }
        List<Integer> sorted = took.stream().sorted().toList();
        assertThat(sorted).withFailMessage("put 101, 102, 201, 202; the consumers took %s", took).isEqualTo(List.of(101, 102, 201, 202));
    }

    /**
     * Lets woken threads go on one at a time, each once every started thread waits or has ended,
     * until none is left woken: then every started thread waits for someone, or has ended.
     */
    private static void settle(ChosenWakeUps wakeUps, List<Thread> started, Bounded threads) {
        do {
            if (!Bounded.until(() -> started.stream().allMatch(wakeUps::still), Bounded.MUST_HAPPEN)) {
                threads.assertNothingThrown("the buffer");
                List<String> busy = started.stream().filter(thread -> !wakeUps.still(thread))
                        .map(thread -> thread.getName() + " " + thread.getState()).toList();
                throw new TracedFailure("a thread neither waited nor ended within " + Bounded.MUST_HAPPEN.toSeconds() + " s: "
                        + String.join(", ", busy), wakeUps.trace());
            }
            threads.assertNothingThrown("the buffer");
        } while (wakeUps.letOneGo(false).isPresent());
    }
}
