package dev.concurrencylab.threading.jdk25;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.LessonBody;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.Stopwatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The run of the structured-concurrency lesson, on JDK 25's preview {@link StructuredTaskScope}.
 * Three scopes: five subtasks that all succeed; four slow siblings and one that fails; a scope
 * with a timeout shorter than its slow subtask. Then the failing case again with plain threads,
 * which nothing cancels.
 */
public final class StructuredConcurrencyRun implements LessonBody {

    static final int SUBTASKS = 5;

    /** Hands out virtual threads and keeps them, so that the lesson can count which are still alive. */
    private static final class KeptThreads implements ThreadFactory {
        private final ThreadFactory virtual = Thread.ofVirtual().name("subtask-", 0).factory();
        private final List<Thread> made = new CopyOnWriteArrayList<>();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = virtual.newThread(task);
            made.add(thread);
            return thread;
        }

        long alive() {
            return made.stream().filter(Thread::isAlive).count();
        }
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Duration slow = Duration.ofMillis(context.size(2_000, 10_000));
        Duration timeout = Duration.ofMillis(context.size(200, 500));
        Duration bound = Timeouts.seconds(30);
        context.say("StructuredTaskScope is a preview API in JDK 25 (JEP 505); this JVM is JDK %d, started with --enable-preview",
                Runtime.version().feature());
        KeptThreads threads = new KeptThreads();

        /* 1. Start five, join them all: the notebook's pattern, inside a scope. */
        CountDownLatch allStarted = new CountDownLatch(SUBTASKS);
        CountDownLatch counted = new CountDownLatch(1); // holds the subtasks until the lesson has counted them
        long aliveInside;
        List<Integer> squares = new ArrayList<>();
        try (var scope = StructuredTaskScope.open(Joiner.<Integer>allSuccessfulOrThrow(), c -> c.withThreadFactory(threads))) {
            for (int i = 1; i <= SUBTASKS; i++) {
                int n = i;
                scope.fork(() -> {
                    allStarted.countDown();
                    awaitOrFail(counted, bound, "the lesson to count the live subtasks");
                    return n * n;
                });
            }
            if (!allStarted.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("five subtasks did not all start within " + bound.toSeconds() + " s");
            }
            aliveInside = threads.alive();
            counted.countDown();
            scope.join().map(Subtask::get).forEach(squares::add);
        }
        long aliveAfterFirst = threads.alive();
        context.say("five subtasks forked and joined: squares %s; threads alive inside the scope %d, after it %d",
                squares, aliveInside, aliveAfterFirst);

        /* 2. One subtask fails while its four siblings sleep: the scope cancels (interrupts) them. */
        int siblings = SUBTASKS - 1;
        CountDownLatch sleeping = new CountDownLatch(siblings);
        AtomicInteger cancelled = new AtomicInteger();
        boolean joinThrewFailure = false;
        String failure = "";
        Stopwatch failing = Stopwatch.start();
        try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAllSuccessfulOrThrow(), c -> c.withThreadFactory(threads))) {
            for (int i = 0; i < siblings; i++) {
                scope.fork(() -> sleepCountingInterrupts(slow, sleeping, cancelled));
            }
            scope.fork(() -> {
                awaitOrFail(sleeping, bound, "the siblings to fall asleep");
                throw new IllegalStateException("subtask 5 failed on purpose");
            });
            scope.join();
        } catch (StructuredTaskScope.FailedException e) {
            joinThrewFailure = true;
            failure = String.valueOf(e.getCause().getMessage());
        }
        double failureSeconds = failing.seconds();
        long aliveAfterSecond = threads.alive();
        context.say("one subtask failed (\"%s\"): join() threw after %.3f s; siblings cancelled %d of %d (each would have slept %.1f s)",
                failure, failureSeconds, cancelled.get(), siblings, slow.toMillis() / 1000.0);

        /* 3. A deadline for the whole scope: the slow subtask is cancelled when it passes. */
        CountDownLatch slowAsleep = new CountDownLatch(1);
        AtomicInteger slowInterrupted = new AtomicInteger();
        boolean joinThrewTimeout = false;
        Stopwatch timed = Stopwatch.start();
        try (var scope = StructuredTaskScope.open(Joiner.<Object>awaitAll(),
                c -> c.withThreadFactory(threads).withTimeout(timeout))) {
            scope.fork(() -> 42);
            scope.fork(() -> sleepCountingInterrupts(slow, slowAsleep, slowInterrupted));
            scope.join();
        } catch (StructuredTaskScope.TimeoutException e) {
            joinThrewTimeout = true;
        }
        double timedOutSeconds = timed.seconds();
        long aliveAfterScopes = threads.alive();
        context.say("a scope with a %d ms timeout and a %.1f s subtask: join() threw TimeoutException: %s, after %.3f s; "
                        + "the slow subtask was interrupted: %s", timeout.toMillis(), slow.toMillis() / 1000.0, joinThrewTimeout,
                timedOutSeconds, slowInterrupted.get() == 1);
        context.say("threads the scopes made: %d; alive after their scopes closed: %d", threads.made.size(), aliveAfterScopes);

        /* 4. The same failure with plain threads, joined by hand: nobody tells the siblings. */
        long plainRunning = plainThreadsAfterAFailure(siblings, slow, bound);
        context.say("with plain threads and join() by hand, %d of %d siblings were still sleeping when the failure was seen; "
                + "the lesson interrupted and joined them itself", plainRunning, siblings);

        return new Observations()
                .put("jdk", List.of(Runtime.version().toString()), "the JDK this ran on (the preview API is JDK 25's)")
                .put("subtasks", SUBTASKS, "subtasks forked in the first scope")
                .put("alive_inside_scope", aliveInside, "subtask threads alive together inside the first scope")
                .put("siblings", siblings, "sleeping siblings of the failing subtask")
                .put("siblings_cancelled", cancelled.get(), "siblings interrupted by the scope when the fifth failed")
                .put("join_threw_failure", joinThrewFailure, "join() threw FailedException with the subtask's exception")
                .put("failure_seen_after_s", failureSeconds, "from forking to join() throwing, in the failing scope")
                .put("slow_s", slow.toMillis() / 1000.0, "how long each sibling would have slept")
                .put("timeout_s", timeout.toMillis() / 1000.0, "the timed scope's deadline")
                .put("join_threw_timeout", joinThrewTimeout, "join() threw TimeoutException at the deadline")
                .put("timed_out_after_s", timedOutSeconds, "from forking to the end of the timed scope")
                .put("slow_subtask_interrupted", slowInterrupted.get() == 1, "the timed scope interrupted its slow subtask")
                .put("alive_after_scopes", aliveAfterScopes, "subtask threads alive after all three scopes closed")
                .put("plain_threads_running_after_failure", plainRunning, "plain sibling threads still running when one had failed")
                .conclude(String.format("a failure cancelled %d of %d siblings in %.3f s; a %d ms deadline ended its scope in %.3f s; "
                                + "%d threads alive after the scopes (plain threads: %d of %d ran on)", cancelled.get(), siblings,
                        failureSeconds, timeout.toMillis(), timedOutSeconds, aliveAfterScopes, plainRunning, siblings));
    }

    /** Counts down {@code asleep}, sleeps, and counts an interrupt; never returns normally when interrupted. */
    private static Object sleepCountingInterrupts(Duration slow, CountDownLatch asleep, AtomicInteger interrupted)
            throws InterruptedException {
        asleep.countDown();
        try {
            Thread.sleep(slow);
            return "slept";
        } catch (InterruptedException e) {
            interrupted.incrementAndGet();
            throw e;
        }
    }

    private static void awaitOrFail(CountDownLatch latch, Duration bound, String what) throws InterruptedException {
        if (!latch.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("waited " + bound.toSeconds() + " s for " + what);
        }
    }

    /** Four sleeping threads and a fifth that fails, joined by hand; how many siblings still run after the failure. */
    private static long plainThreadsAfterAFailure(int siblings, Duration slow, Duration bound) throws InterruptedException {
        CountDownLatch sleeping = new CountDownLatch(siblings);
        AtomicInteger interrupted = new AtomicInteger();
        List<Thread> sleepers = new ArrayList<>();
        for (int i = 0; i < siblings; i++) {
            sleepers.add(Thread.ofVirtual().name("plain-" + i).start(() -> {
                try {
                    sleepCountingInterrupts(slow, sleeping, interrupted);
                } catch (InterruptedException e) {
                    // interrupted by the lesson's clean-up below
                }
            }));
        }
        Thread failing = Thread.ofVirtual().name("plain-failing").uncaughtExceptionHandler((thread, e) -> { })
                .start(() -> {
                    try {
                        awaitOrFail(sleeping, bound, "the plain siblings to fall asleep");
                    } catch (InterruptedException e) {
                        return;
                    }
                    throw new IllegalStateException("plain thread 5 failed on purpose");
                });
        try {
            if (!failing.join(bound)) {
                throw new IllegalStateException("the failing plain thread did not end within " + bound.toSeconds() + " s");
            }
            return sleepers.stream().filter(Thread::isAlive).count();
        } finally {
            failing.interrupt();
            sleepers.forEach(Thread::interrupt);
            for (Thread sleeper : sleepers) {
                sleeper.join(bound);
            }
            failing.join(bound);
        }
    }
}
