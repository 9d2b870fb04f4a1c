package dev.concurrencylab.threading;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.threading.support.RecordedDeadlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Lesson locks: the hall pass, and two threads each holding the pass the other needs.
 *
 * Mirrors notebook 004, which describes a Lock as a hall pass: acquire() waits until it is free,
 * release() hands it on, and "with lock:" does both around a block. Java's ReentrantLock plays
 * that part, with lock()/unlock() in try/finally standing for "with": the finally is what
 * guarantees the release when the block throws. It is closer to Python's RLock than to Lock: the
 * thread that holds it may take it again, and only that thread may release it (Python's Lock
 * deadlocks on a second acquire by its holder, and may be released by any thread).
 *
 * Two things the notebook does not show: waiting with a limit (tryLock with a timeout, Python's
 * acquire(timeout=...)), and the classic failure of locks, the deadlock: thread 1 holds A and
 * wants B, thread 2 holds B and wants A, and both wait forever. The JVM can see it:
 * ThreadMXBean.findDeadlockedThreads() finds cycles of threads waiting on monitors and on
 * java.util.concurrent locks, and the flight recorder's periodic thread dump (the event
 * jdk.ThreadDump, what jstack prints) names each thread of the cycle with the one holding the lock
 * it waits for. We find one, break it without killing anything, and then avoid it altogether by
 * always taking the locks in the same order.
 */
@LessonCard(id = "locks", place = "1.6", notebooks = "004",
        title = "Locks: try/finally as 'with lock:', tryLock with a timeout, a deadlock found and broken",
        keys = {"deadlock_detected", "recovered"})
public final class LocksLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new LocksLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("deadlock_missed", "two threads each holding the lock the other wants were not reported deadlocked",
                        seen -> !seen.flag("deadlock_detected")),
                Outcome.forbidden("not_recovered", "the deadlocked threads were not freed",
                        seen -> !seen.flag("recovered")),
                Outcome.forbidden("lock_kept_after_exception", "an exception inside lock()/finally left the lock held",
                        seen -> !seen.flag("released_after_exception")),
                Outcome.forbidden("try_lock_got_a_held_lock", "tryLock(timeout) succeeded on a lock another thread held",
                        seen -> !seen.flag("try_lock_timed_out")),
                Outcome.forbidden("ordering_deadlocked", "threads taking the locks in one order did not finish",
                        seen -> !seen.flag("ordered_completed")),
                Outcome.forbidden("wrong_threads_named", "the deadlock report did not name the two crossing threads",
                        seen -> !seen.get("deadlocked_threads").equals(List.of("crossing-1", "crossing-2"))),
                Outcome.forbidden("recorder_missed_the_cycle", "the flight recorder could record, and its thread dump did not name "
                        + "the cycle crossing-1 -> crossing-2 -> crossing-1", seen -> seen.flag("flight_recorder")
                        && !seen.get("recorded_cycle").equals(List.of("crossing-1 waits for crossing-2", "crossing-2 waits for crossing-1"))),
                Outcome.forbidden("try_lock_did_not_wait", "tryLock(100 ms) gave up before its 100 ms",
                        seen -> seen.number("try_lock_waited_ms") < 100));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        Duration limit = Timeouts.seconds(20);

        /*
         * Part 1: "with lock:". An exception inside the block still releases the lock, because
         * unlock() sits in finally. (Forget the finally and the first exception leaves the lock
         * held forever: every later lock() hangs.)
         */
        ReentrantLock hallPass = new ReentrantLock();
        try {
            hallPass.lock();
            try {
                throw new IllegalStateException("something failed while holding the lock");
            } finally {
                hallPass.unlock();
            }
        } catch (IllegalStateException expected) {
            context.say("an exception inside lock()/finally unlock(): lock still held afterwards? %s", hallPass.isLocked());
        }
        seen.put("released_after_exception", !hallPass.isLocked(), "try/finally released the lock although the block threw");

        /*
         * Part 2: tryLock with a timeout. Another thread holds the lock; our tryLock(100 ms) gives
         * up after about 100 ms and returns false instead of waiting forever.
         */
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        Thread holder = Thread.ofPlatform().name("holder").start(() -> {
            hallPass.lock();
            try {
                holding.countDown();
                letGo.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                hallPass.unlock();
            }
        });
        boolean acquired;
        Stopwatch waited;
        try {
            holding.await();
            AtomicReference<Stopwatch> timing = new AtomicReference<>();
            acquired = context.phase("tryLock(100 ms) while another thread holds the lock", () -> {
                // Timed in here: the phase around it (its event, this lambda's first creation) is not tryLock's wait.
                try (Stopwatch tryLockAlone = Stopwatch.start()) {
                    timing.set(tryLockAlone);
                    return hallPass.tryLock(100, TimeUnit.MILLISECONDS);
                }
            });
            waited = timing.get();
            if (acquired) {
                hallPass.unlock();
            }
        } finally {
            letGo.countDown();
            holder.join(limit);
        }
        context.say("tryLock(100 ms) while another thread holds the lock: %s after %.0f ms", acquired, waited.seconds() * 1000);
        seen.put("try_lock_timed_out", !acquired, "tryLock(100 ms) gave up while another thread held the lock")
                .put("try_lock_waited_ms", waited.seconds() * 1000, "how long tryLock waited before giving up");

        /*
         * Part 3: a deadlock. Each thread takes its first lock, waits until the other has taken
         * its own, then asks for the other's. Neither can go on. We wait until the JVM reports the
         * cycle, then interrupt one thread: lockInterruptibly() lets it give up, it releases what
         * it holds, and the other finishes. Nothing was killed.
         */
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ReentrantLock lockA = new ReentrantLock();
        ReentrantLock lockB = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        Thread first = crossing("crossing-1", lockA, lockB, bothHoldOne, finished, gaveUp);
        Thread second = crossing("crossing-2", lockB, lockA, bothHoldOne, finished, gaveUp);
        List<String> deadlocked;
        Optional<List<String>> recorded;
        try {
            deadlocked = context.phase("deadlock: each holds one lock and waits for the other's",
                    () -> awaitDeadlock(threads, limit));
            context.say("ThreadMXBean.findDeadlockedThreads(): %s", deadlocked);
            // A second witness, kept in a recording: the flight recorder's thread dump, taken while they wait.
            recorded = context.phase("the flight recorder's thread dump", () -> RecordedDeadlock.await(Duration.ofMillis(100), limit));
            context.say(recorded.isEmpty() ? "the flight recorder cannot record in this JVM: no second witness"
                    : recorded.get().isEmpty() ? "no thread dump of the flight recorder reported the deadlock within " + limit.toSeconds() + " s"
                    : "the flight recorder's thread dump (jdk.ThreadDump): " + String.join("; ", recorded.get()));
            context.phase(second.getName() + " interrupted: it gives up, " + first.getName() + " finishes", () -> {
                second.interrupt();
                first.join(limit);
                second.join(limit);
            });
        } finally {
            first.interrupt();
            second.interrupt();
            first.join(limit);
            second.join(limit);
        }
        seen.put("flight_recorder", recorded.isPresent(), "this JVM's flight recorder could record");
        boolean recovered = !first.isAlive() && !second.isAlive() && finished.get() == 1 && gaveUp.get() == 1;
        context.say("after interrupting %s: one finished, one gave up: %s", second.getName(), recovered);
        seen.put("deadlock_detected", deadlocked.size() == 2, "findDeadlockedThreads() reported both threads")
                .put("deadlocked_threads", deadlocked, "the threads in the cycle")
                .put("recorded_cycle", recorded.orElse(List.of()),
                        "the cycle in the flight recorder's thread dump, each thread and the one holding the lock it waits for "
                        + "(empty: this JVM cannot record)")
                .put("recovered", recovered, "after interrupting one thread, both ended: one finished, one gave up");

        /*
         * Part 4: the cure is an order. If every thread takes lockA before lockB, no cycle can
         * form. The same two threads, same work, now both finish.
         */
        AtomicInteger orderedFinished = new AtomicInteger();
        AtomicInteger orderedGaveUp = new AtomicInteger();
        Thread one = crossing("ordered-1", lockA, lockB, null, orderedFinished, orderedGaveUp);
        Thread two = crossing("ordered-2", lockA, lockB, null, orderedFinished, orderedGaveUp);
        context.phase("one lock order for both: no cycle", () -> {
            one.join(limit);
            two.join(limit);
        });
        boolean orderedCompleted = orderedFinished.get() == 2 && !one.isAlive() && !two.isAlive();
        context.say("with one lock order for everyone: both finished: %s", orderedCompleted);
        seen.put("ordered_completed", orderedCompleted, "taking the locks in one global order, both threads finished");

        return seen.conclude(String.format("deadlock detected: %s, broken by interruption: %s; lock ordering avoids it: %s",
                seen.flag("deadlock_detected"), recovered, orderedCompleted));
    }

    /**
     * A thread that takes {@code firstLock}, then (after both threads hold one, when a latch is
     * given) {@code secondLock}, interruptibly. Counts whether it finished or gave up.
     */
    private static Thread crossing(String name, ReentrantLock firstLock, ReentrantLock secondLock,
                                   CountDownLatch bothHoldOne, AtomicInteger finished, AtomicInteger gaveUp) {
        return Thread.ofPlatform().name(name).start(() -> {
            try {
                firstLock.lockInterruptibly();
                try {
                    if (bothHoldOne != null) {
                        bothHoldOne.countDown();
                        bothHoldOne.await();
                    }
                    secondLock.lockInterruptibly();
                    try {
                        finished.incrementAndGet();
                    } finally {
                        secondLock.unlock();
                    }
                } finally {
                    firstLock.unlock();
                }
            } catch (InterruptedException e) {
                gaveUp.incrementAndGet();
            }
        });
    }

    /** Waits until findDeadlockedThreads() reports a cycle; the names of the threads in it, sorted. */
    private static List<String> awaitDeadlock(ThreadMXBean threads, Duration limit) throws InterruptedException {
        Poll.until("the JVM to report a deadlock", limit, () -> threads.findDeadlockedThreads() != null);
        List<String> names = new ArrayList<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.findDeadlockedThreads())) { // a deadlock stays until broken
            names.add(info.getThreadName());
        }
        names.sort(null);
        return names;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run locks
 *
 * What a run shows: the block `<!-- observed locks -->` in this module's README.md, which
 * `./concurrency-lab observed locks` rewrites from a real run on the reader's machine.
 *
 * A deadlock does not fix itself and does not show up as CPU load: both threads sit parked. The
 * JVM can name them (so can jstack, "Found one Java-level deadlock"); interruption breaks it here
 * only because the threads used lockInterruptibly(). The real fix is the lock order.
 */
