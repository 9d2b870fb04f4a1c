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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 05. The pipeline's threads come from the grader's factory, so that it can count them and end them. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader05PoisonPill {

    /** Daemon threads, kept, so that the grader can see which are alive and interrupt them. */
    static final class KeptThreads implements ThreadFactory {
        final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = Thread.ofPlatform().name("pipeline-", made.size()).daemon().unstarted(task);
            made.add(thread);
            return thread;
        }

        long alive() {
            return made.stream().filter(Thread::isAlive).count();
        }

        void interruptAll() {
            made.forEach(Thread::interrupt);
        }
    }

    @ParameterizedTest(name = "every item reaches the sink exactly once with {0} consumer(s), and run() returns with its threads ended")
    @ValueSource(ints = {1, 3})
    @Order(1)
    void deliversAndShutsDown(int consumers, Subject<Threads.Pipeline> subject) throws Exception {
        Threads.Pipeline pipeline = subject.create();
        List<Integer> items = IntStream.range(0, 10_000).boxed().toList();
        ConcurrentHashMap<Integer, AtomicInteger> received = new ConcurrentHashMap<>();
        KeptThreads factory = new KeptThreads();
        try (Bounded threads = new Bounded()) {
            Thread runner = threads.start("run()", () -> pipeline.run(items, consumers, factory,
                    item -> received.computeIfAbsent(item, k -> new AtomicInteger()).incrementAndGet()));
            boolean returned = Bounded.until(() -> !runner.isAlive(), Bounded.MUST_HAPPEN);
            long aliveAtTheEnd = factory.alive();
            factory.interruptAll(); // whatever happened, no thread of the pipeline outlives the check
            assertThat(returned).withFailMessage("run() had not returned after %d s: %d of the %d threads it made were still "
                    + "alive (a consumer waiting in take() for an item that never comes?)", Bounded.MUST_HAPPEN.toSeconds(),
                    aliveAtTheEnd, factory.made.size()).isTrue();
            threads.assertNothingThrown("run()");
            assertThat(aliveAtTheEnd).withFailMessage("%d of the %d threads it made were still alive after run() returned",
                    aliveAtTheEnd, factory.made.size()).isZero();
        }
        long missing = items.stream().filter(item -> !received.containsKey(item)).count();
        long doubled = received.values().stream().filter(count -> count.get() > 1).count();
        long strangers = received.keySet().stream().filter(item -> item < 0 || item >= items.size()).count();
        assertThat(missing + doubled + strangers).withFailMessage("of 10,000 items, %d never reached the sink, %d reached it more "
                + "than once, and %d that were never sent (a pill?) did", missing, doubled, strangers).isZero();
        assertThat(factory.made.size()).withFailMessage("it made %d threads with the factory for %d consumers",
                factory.made.size(), consumers).isGreaterThanOrEqualTo(consumers);
    }

    @Test
    @Order(2)
    @DisplayName("no items: run() returns at once, its threads ended")
    void nothingToDo(Subject<Threads.Pipeline> subject) throws Exception {
        Threads.Pipeline pipeline = subject.create();
        KeptThreads factory = new KeptThreads();
        AtomicInteger received = new AtomicInteger();
        try (Bounded threads = new Bounded()) {
            Thread runner = threads.start("run()", () -> pipeline.run(List.of(), 2, factory, item -> received.incrementAndGet()));
            boolean returned = Bounded.until(() -> !runner.isAlive(), Bounded.MUST_HAPPEN);
            factory.interruptAll();
            assertThat(returned).withFailMessage("run() of no items had not returned after %d s", Bounded.MUST_HAPPEN.toSeconds())
                    .isTrue();
            threads.assertNothingThrown("run()");
        }
        assertThat(received.get()).withFailMessage("the sink got %d items from an empty list", received.get()).isZero();
    }

    @Test
    @Order(3)
    @DisplayName("run() returns only after every thread it made has ended, even when the last of them is slow to end")
    void joinsItsThreads(Subject<Threads.Pipeline> subject) throws Exception {
        // Each thread the pipeline makes, its work done, is held at its end until run() has
        // returned (or a short bound passes): a run() that joins its threads waits the bound out;
        // one that returns on any other sign (an empty queue, a count of items) returns while
        // they are held, every time.
        Threads.Pipeline pipeline = subject.create();
        CountDownLatch runReturned = new CountDownLatch(1);
        Duration hold = Timeouts.seconds(0.5);
        KeptThreads made = new KeptThreads();
        ThreadFactory holdingAtTheEnd = task -> made.newThread(() -> {
            try {
                task.run();
            } finally {
                try {
                    runReturned.await(hold.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        AtomicInteger received = new AtomicInteger();
        long aliveWhenRunReturned;
        try (Bounded threads = new Bounded()) {
            Thread runner = threads.start("run()", () -> {
                pipeline.run(IntStream.range(0, 100).boxed().toList(), 2, holdingAtTheEnd, item -> received.incrementAndGet());
            });
            boolean returned = Bounded.until(() -> !runner.isAlive(), Bounded.MUST_HAPPEN);
            aliveWhenRunReturned = made.alive();
            runReturned.countDown();
            made.interruptAll();
            assertThat(returned).withFailMessage("run() had not returned after %d s", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("run()");
        }
        assertThat(aliveWhenRunReturned).withFailMessage("run() returned while %d of the %d threads it made had not ended "
                + "(it did not join them)", aliveWhenRunReturned, made.made.size()).isZero();
        assertThat(received.get()).withFailMessage("the sink got %d of 100 items", received.get()).isEqualTo(100);
    }
}
