package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.exercises.Runaways;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The graders' waits: on a state, never a fixed sleep, each bounded by a duration scaled with
 * the one timeout factor; and the threads a grader starts, which it always ends and joins.
 */
final class Bounded implements AutoCloseable {

    /**
     * How long a thread grader waits for something that must happen (scaled:
     * -Dconcurrencylab.timeout.factor): a correct answer does it within milliseconds, and a wrong
     * one that hangs costs the student this long per check.
     */
    static final Duration MUST_HAPPEN = Timeouts.seconds(5);

    /** The same for what a child JVM must do: it starts first, which a busy machine makes slow. */
    static final Duration CHILD_MUST_HAPPEN = Timeouts.seconds(10);

    private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());

    /** Polls {@code condition} until it holds or {@code bound} passes; whether it held. */
    static boolean until(BooleanSupplier condition, Duration bound) {
        return Poll.holdsWithin(bound, condition);
    }

    /** Whether {@code thread} reached one of {@code states} (or ended) within {@code bound}. */
    static boolean waitsOrEnds(Thread thread, Duration bound) {
        return until(() -> switch (thread.getState()) {
            case BLOCKED, WAITING, TIMED_WAITING, TERMINATED -> true;
            default -> false;
        }, bound);
    }

    interface Body {
        void run() throws Exception;
    }

    /** Starts a platform thread that this object joins on close; what it throws is kept. */
    Thread start(String name, Body body) {
        Thread thread = Thread.ofPlatform().name(name).daemon().unstarted(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        threads.add(thread);
        thread.start();
        return thread;
    }

    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    /** Fails, with the first exception a thread threw as the cause, if any did. */
    void assertNothingThrown(String what) {
        if (!failures.isEmpty()) {
            Throwable first = failures.getFirst();
            AssertionError error = new AssertionError(what + " threw " + first);
            error.initCause(first);
            throw error;
        }
    }

    /** Whether every thread started here ended within {@code bound}. */
    boolean allEnded(Duration bound) {
        return until(() -> threads.stream().noneMatch(Thread::isAlive), bound);
    }

    /**
     * Whether every thread started here ended before {@code progress} stood still for
     * {@code stall}: a slow machine that keeps moving is waited for, a deadlock or a lost
     * wake-up is reported once nothing has moved for {@code stall}.
     */
    boolean allEndedWhileMoving(LongSupplier progress, Duration stall) {
        while (!allEnded(Duration.ZERO)) {
            long before = progress.getAsLong();
            if (!until(() -> allEnded(Duration.ZERO) || progress.getAsLong() != before, stall)) {
                return false; // nothing moved for a whole stall
            }
        }
        return true;
    }

    /** How long close() waits, in all, for interrupted threads to end. */
    static final Duration TO_END = Timeouts.seconds(2);

    /**
     * Interrupts what is still running and joins it, so that no grader leaves a thread behind.
     * A thread deaf to interrupts (a student's runaway loop) is given {@link #TO_END}, then left:
     * it is a daemon, and it ends with the grading JVM; the check has already said what it saw.
     */
    @Override
    public void close() throws InterruptedException {
        for (Thread thread : List.copyOf(threads)) {
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        long deadline = System.nanoTime() + TO_END.toNanos();
        for (Thread thread : List.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
            if (thread.isAlive()) {
                Runaways.left(thread);
            }
        }
    }
}
