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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 06. map() itself runs on a grader thread, so that one that never returns is reported. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader06OrderedMap {

    private static <R> List<R> mapBounded(Threads.OrderedMap map, List<Integer> inputs,
                                          java.util.function.Function<Integer, R> f, int threads, AtomicReference<Throwable> thrown)
            throws InterruptedException {
        AtomicReference<List<R>> result = new AtomicReference<>();
        try (Bounded bounded = new Bounded()) {
            Thread caller = bounded.start("map()", () -> {
                try {
                    result.set(map.map(inputs, f, threads));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            assertThat(Bounded.until(() -> !caller.isAlive(), Bounded.MUST_HAPPEN))
                    .withFailMessage("map() had not returned after %d s", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
        }
        return result.get();
    }

    @Test
    @Order(1)
    @DisplayName("results in input order, with the first input forced to finish last")
    void order(Subject<Threads.OrderedMap> subject) throws Exception {
        CountDownLatch othersDone = new CountDownLatch(7);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<Integer> results = mapBounded(subject.create(), IntStream.range(0, 8).boxed().toList(), x -> {
            if (x == 0) {
                try {
                    if (!othersDone.await(Bounded.MUST_HAPPEN.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("f(0) waited " + Bounded.MUST_HAPPEN.toSeconds()
                                + " s for the other inputs: they did not run while it waited (on 4 threads at once?)");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                othersDone.countDown();
            }
            return x * 10;
        }, 4, thrown);
        assertThat(thrown.get()).withFailMessage("map threw %s", thrown.get()).isNull();
        assertThat(results).withFailMessage("results %s for inputs 0..7 (f = x * 10)", results)
                .isEqualTo(IntStream.range(0, 8).mapToObj(x -> x * 10).toList());
    }

    @Test
    @Order(2)
    @DisplayName("1 000 inputs on 8 threads: 1 000 results, in order")
    void many(Subject<Threads.OrderedMap> subject) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<Long> results = mapBounded(subject.create(), IntStream.range(0, 1_000).boxed().toList(), x -> (long) x * x, 8, thrown);
        assertThat(thrown.get()).withFailMessage("map threw %s", thrown.get()).isNull();
        List<Long> expected = IntStream.range(0, 1_000).mapToObj(x -> (long) x * x).toList();
        assertThat(results).withFailMessage("%s results; the first that differs: %s", results == null ? "no" : results.size(),
                results == null ? "-" : IntStream.range(0, Math.min(results.size(), 1_000))
                        .filter(i -> !results.get(i).equals(expected.get(i))).mapToObj(i -> "index " + i).findFirst().orElse("none"))
                .isEqualTo(expected);
    }

    @Test
    @Order(3)
    @DisplayName("when f throws for one input, map throws with that exception among its causes")
    void failure(Subject<Threads.OrderedMap> subject) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<Integer> results = mapBounded(subject.create(), IntStream.range(0, 8).boxed().toList(), x -> {
            if (x == 3) {
                throw new IllegalStateException("bad input 3");
            }
            return x;
        }, 4, thrown);
        assertThat(thrown.get()).withFailMessage("map returned %s although f threw for input 3", results).isNotNull();
        boolean found = false;
        for (Throwable cause = thrown.get(); cause != null; cause = cause.getCause()) {
            found |= "bad input 3".equals(cause.getMessage());
        }
        assertThat(found).withFailMessage("map threw %s, without f's exception (\"bad input 3\") among its causes", thrown.get())
                .isTrue();
    }

    @Test
    @Order(4)
    @DisplayName("on 2 threads, f never runs more than twice at once")
    void keepsToItsThreadBound(Subject<Threads.OrderedMap> subject) throws Exception {
        int bound = 2;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        // Each call stays until a call too many has joined it, or a short window has passed: a map
        // that starts more threads than it was given is caught in its first calls, every time.
        Duration window = Timeouts.seconds(0.2);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        List<Integer> results = mapBounded(subject.create(), IntStream.range(0, 6).boxed().toList(), x -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            Bounded.until(() -> running.get() > bound, window);
            running.decrementAndGet();
            return x;
        }, bound, thrown);
        assertThat(thrown.get()).withFailMessage("map threw %s", thrown.get()).isNull();
        assertThat(results).isEqualTo(IntStream.range(0, 6).boxed().toList());
        assertThat(peak.get()).withFailMessage("f ran %d times at once on a map given %d threads", peak.get(), bound)
                .isLessThanOrEqualTo(bound);
    }
}
