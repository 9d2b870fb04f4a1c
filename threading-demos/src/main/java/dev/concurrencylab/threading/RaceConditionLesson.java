package dev.concurrencylab.threading;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.measure.Repeats;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.threading.RaceCounters.AdderCounter;
import dev.concurrencylab.threading.RaceCounters.AtomicCounter;
import dev.concurrencylab.threading.RaceCounters.CoarseLockCounter;
import dev.concurrencylab.threading.RaceCounters.Counter;
import dev.concurrencylab.threading.RaceCounters.LockCounter;
import dev.concurrencylab.threading.RaceCounters.PlainCounter;
import dev.concurrencylab.threading.RaceCounters.SynchronizedCounter;
import dev.concurrencylab.threading.RaceCounters.VolatileCounter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/*
 * Lesson race-condition: read, add, write, and what happens in between.
 *
 * Mirrors notebooks 000, 001 and 004. Notebook 000 has ten threads each run a[0] += 1 and says the
 * result is *always* [11, 2, 3], thanks to the GIL. Notebook 004 explains the danger (get the
 * value, compute, write back; another thread may have written in between) and has ten threads add
 * 1 to a global total a million times each, under a lock, to get exactly 10 000 000.
 *
 * Java has no GIL to hide anything, and "total += amount" is three steps here too. This lesson
 * shows the broken versions first, then a schedule that breaks them every single time, then the
 * fixes.
 *
 * Nor does the GIL make += atomic; what hides the race in CPython is *where* it may switch
 * threads. CPython 3.9 could switch between any two bytecodes, so also between the read and the
 * write of total += amount: at a 1 us switch interval (sys.setswitchinterval(1e-6)) the notebook's
 * loop loses most of its updates there. From 3.10 on, a pending switch is taken only at certain
 * instructions (the jump back to the top of a loop, calls), none of them between the read and the
 * write of that +=, so the very same loop loses nothing on 3.10 to 3.13, even at 1 us. Put a
 * function call between the read and the write (total = f(total) + 1) and every one of those
 * versions loses updates again. Correct code takes the lock, as notebook 004 does, on any version.
 */
@LessonCard(id = "race-condition", place = "1.5", notebooks = {"000", "001", "004"},
        title = "Race conditions: lost updates, a schedule that loses one every time, and five fixes",
        keys = {"expected", "racy_observed", "lost_updates", "synchronized_observed", "atomic_observed", "free_cores",
        "machine_busy"},
        parameters = {
                @LessonCard.Param(name = "threads", meaning = "threads adding to one total at once (the lost updates and the fixes)",
                        unit = "count", full = 10, quick = 10, min = 1, max = 32),
                @LessonCard.Param(name = "increments", meaning = "additions each of those threads makes", unit = "count",
                        full = 1_000_000, quick = 200_000, min = 100_000, max = 2_000_000)})
public final class RaceConditionLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new RaceConditionLesson(), args);
    }

    /** Notebook 000's threads, each adding 1 to a[0] once. */
    static final int THREADS = 10;

    /** The fixes, by the prefix of their observation keys. */
    static final List<String> FIXES = List.of("synchronized", "lock", "atomic", "adder", "coarse_lock");

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("fix_inexact", "a fix lost or invented an update, in the exactness run or a timed one",
                        seen -> !seen.flag("timed_runs_exact")
                                || FIXES.stream().anyMatch(fix -> seen.number(fix + "_observed") != seen.number("expected"))),
                Outcome.forbidden("forced_schedule_kept_both", "the forced schedule did not lose exactly one of two updates",
                        seen -> seen.number("forced_interleaving_observed") != 1),
                Outcome.forbidden("lock_lost_an_update", "the same schedule under a lock lost an update",
                        seen -> seen.number("forced_interleaving_with_lock_observed") != 2),
                Outcome.forbidden("more_than_expected", "a racy total above the right one: an update counted twice",
                        seen -> seen.number("racy_observed") > seen.number("expected")
                                || seen.number("plain_observed") > seen.number("expected")),
                Outcome.interesting("coarse_lock_takes_turns", "threads under one lock around the whole loop take turns (parallelism below 1.3)",
                        seen -> seen.number("coarse_lock_parallelism") < 1.3,
                        seen -> String.format("parallelism %.2f: threads waiting for the monitor spun on a core before they parked",
                                seen.number("coarse_lock_parallelism"))),
                Outcome.needsOverlap("volatile_lost_updates", "the volatile total lost updates",
                        seen -> seen.number("lost_updates") > 0, "volatile_parallelism", 1.5,
                        seen -> "the volatile total came out exact although its threads ran at once"),
                Outcome.hiddenByLoad("plain_lost_updates", "the plain total lost updates",
                        seen -> seen.number("plain_observed") < seen.number("expected"),
                        seen -> "the plain total came out exact: each thread's loop ran as one read and one write, and no two overlapped"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();

        /*
         * Part 1: notebook 000's a[0] += 1 on ten threads. One increment takes nanoseconds and
         * starting a thread takes far longer (StartBenchmarks measures it), so the threads hardly
         * ever overlap and the list usually comes out right. "It worked when I tried it" is how races ship.
         */
        int[] a = {1, 2, 3};
        List<Callable<Void>> bumps = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            bumps.add(() -> {
                a[0] += 1;
                return null;
            });
        }
        context.phase("notebook 000: a[0] += 1 on 10 threads", () -> ParallelRun.onPlatformThreads(bumps));
        context.say("notebook 000, a[0] += 1 on %d threads: %s", THREADS, Arrays.toString(a));
        seen.put("array_after_10_threads", List.of(a[0], a[1], a[2]), "notebook 000's list after 10 threads added 1 to a[0]");

        /*
         * Part 2: notebook 004's total += amount, without a lock, on ten threads as there (or as
         * many as -p threads= says), each adding -p increments= times. Whether updates
         * are lost depends on threads really running at once, so the free cores are measured too,
         * and how much the volatile run's threads overlapped (CPU time / wall time): with few
         * additions a thread may finish before the last one has woken up, on any machine.
         */
        int threads = context.count("threads");
        int times = context.count("increments");
        long expected = (long) threads * times;
        record Racy(long plain, Tally volatileField) {}
        Load.Watched<Racy> watched = context.phase("racy: no lock, a plain field then a volatile one",
                () -> Load.during(Load.neededFor(2, Runtime.getRuntime().availableProcessors()),
                        () -> new Racy(add(PlainCounter::new, threads, times).total(), add(VolatileCounter::new, threads, times))));
        long plain = watched.result().plain();
        long racy = watched.result().volatileField().total();
        double overlap = watched.result().volatileField().measurement().parallelism();
        Load load = watched.load();
        context.say("%d threads x %,d additions, expected %,d:", threads, times, expected);
        context.say("  plain field    %,d (%s)", plain, lostOrExact(expected, plain));
        context.say("  volatile field %,d (%s), its threads' CPU time / wall time %.2f", racy, lostOrExact(expected, racy), overlap);
        context.sayLoad(load, "updates lost by threads that really run at the same time");
        seen.put("expected", expected, "threads x additions: the right total")
                .put("plain_observed", plain, "total with a plain field: the JIT may keep it in a register for the whole loop")
                .put("racy_observed", racy, "total with a volatile field: every addition reads and writes memory")
                .put("lost_updates", expected - racy, "additions the volatile version lost")
                .put("volatile_parallelism", overlap, "CPU time / wall time of the volatile run: how many of its threads ran at once, on average")
                .load(load);

        /*
         * Part 3: a schedule that loses an update every time. Two threads add 1 to zero. With
         * latches we force the bad order: A reads 0; B reads 0 and writes 1; A writes 0 + 1 = 1.
         * The total is 1, not 2, on every run: this is what a test can assert.
         */
        long forced = context.phase("the forced schedule, without a lock", () -> forcedInterleaving(false));
        long forcedWithLock = context.phase("the forced schedule, with a lock", () -> forcedInterleaving(true));
        context.say("forced interleaving: without a lock %d (expected 2), with a lock %d", forced, forcedWithLock);
        seen.put("forced_interleaving_observed", forced, "A reads, B reads and writes, A writes: one update lost, always")
                .put("forced_interleaving_with_lock_observed", forcedWithLock,
                        "the same schedule attempted with a lock: B must wait, nothing is lost");

        /*
         * Part 4: the fixes. First each at full size, for exactness. Then their throughput, in
         * one line: a warm-up round, then interleaved rounds (every fix once per round), each fix
         * by its median. Ranking them is a benchmark's job (CounterBenchmarks, with JMH's error
         * bars); a few rounds here show the orders of magnitude and that every fix stays exact.
         */
        record Fix(String key, String description, Supplier<Counter> counter) {}
        List<Fix> fixes = List.of(
                new Fix("synchronized", "synchronized block per addition", SynchronizedCounter::new),
                new Fix("lock", "ReentrantLock per addition (Python's with lock:)", LockCounter::new),
                new Fix("atomic", "AtomicLong.addAndGet", AtomicCounter::new),
                new Fix("adder", "LongAdder.add", AdderCounter::new),
                new Fix("coarse_lock", "one lock around each thread's whole loop (notebook 004)", CoarseLockCounter::new));
        context.phase("with a lock, and the other fixes: exact", () -> {
            for (Fix fix : fixes) {
                seen.put(fix.key() + "_observed", add(fix.counter(), threads, times).total(), fix.description() + ": the total");
            }
        });
        int timedTimes = context.size(100_000, 500_000);
        long timedExpected = (long) threads * timedTimes;
        boolean[] timedExact = {true};
        Repeats repeats = new Repeats().warmUp(1);
        for (Fix fix : fixes) {
            repeats.variant(fix.key(), () -> {
                Tally tally = add(fix.counter(), threads, timedTimes);
                timedExact[0] &= tally.total() == timedExpected;
                return tally.measurement();
            });
        }
        int timedRounds = context.size(3, 5);
        Repeats.Results timed = context.phase("the fixes timed, in interleaved rounds", () -> repeats.run(timedRounds));
        List<String> rates = new ArrayList<>();
        for (Fix fix : fixes) {
            double rate = Summary.of(timed.of(fix.key()).stream().map(m -> timedExpected / m.wallSeconds() / 1e6).toList()).median();
            rates.add(String.format("%s %.1f", fix.key(), rate));
            seen.put(fix.key() + "_m_per_s", rate, fix.description() + ": million additions per second (median)");
        }
        context.say("throughput, %d threads x %,d additions, median of %d rounds after a warm-up, million additions/s: %s",
                threads, timedTimes, timedRounds, String.join(", ", rates));
        seen.put("coarse_lock_parallelism", timed.parallelism("coarse_lock").median(),
                        "CPU / wall under the coarse lock: at most about 1, the threads take turns")
                .put("timed_runs_exact", timedExact[0], "every timed run of every fix was exact too");

        return seen.conclude(load.busyPrefix() + String.format("%,d additions: volatile %s, plain %s; forced schedule lost %d of 2; "
                        + "all five fixes exact, timed ones too: %s", expected, lostOrExact(expected, racy), lostOrExact(expected, plain),
                2 - forced, timedExact[0]));
    }

    private static String lostOrExact(long expected, long observed) {
        return observed == expected ? "exact in this run" : String.format("lost %,d", expected - observed);
    }

    private record Tally(long total, Measurement measurement) {}

    /** {@code threads} threads, released together, each adding 1 {@code times} times. */
    private static Tally add(Supplier<Counter> newCounter, int threads, int times) throws Exception {
        Counter counter = newCounter.get();
        List<Callable<Void>> adders = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            adders.add(() -> {
                counter.addRepeatedly(times);
                return null;
            });
        }
        Measurement measurement = ParallelRun.onPlatformThreads(adders).measurement();
        return new Tally(counter.total(), measurement); // the join in ParallelRun makes every write visible
    }

    /**
     * Two threads each add 1 to a shared total, in a forced order. Without a lock: A reads, then B
     * reads and writes, then A writes: the result is 1. With a lock, A holds it from its read to
     * its write; B's attempt to read is held off (we wait until B is blocked on the lock, so the
     * attempt really happened) and the result is 2.
     */
    static long forcedInterleaving(boolean withLock) throws Exception {
        AtomicLong shared = new AtomicLong(); // only get() and set(): a read and a write, not an atomic add
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch aHasRead = new CountDownLatch(1);
        CountDownLatch bHasWritten = new CountDownLatch(1);
        AtomicReference<Thread> threadB = new AtomicReference<>();
        Duration limit = Timeouts.seconds(20);

        Callable<Void> a = () -> {
            if (withLock) {
                lock.lock();
            }
            try {
                long read = shared.get();
                aHasRead.countDown();
                if (withLock) {
                    // B tries to get in, and cannot: we wait until it is queued on the lock.
                    Poll.until("B to queue on the lock", limit,
                            () -> threadB.get() != null && lock.hasQueuedThread(threadB.get()));
                } else if (!bHasWritten.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException("B never wrote");
                }
                shared.set(read + 1);
            } finally {
                if (withLock) {
                    lock.unlock();
                }
            }
            return null;
        };
        Callable<Void> b = () -> {
            threadB.set(Thread.currentThread());
            if (!aHasRead.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("A never read");
            }
            if (withLock) {
                lock.lock();
            }
            try {
                shared.set(shared.get() + 1);
            } finally {
                if (withLock) {
                    lock.unlock();
                }
            }
            bHasWritten.countDown();
            return null;
        };
        ParallelRun.onPlatformThreads(List.of(a, b));
        return shared.get();
    }
}

/*
 * Run it:
 *     ./concurrency-lab run race-condition          (--quick: 200 000 additions per thread instead of 1 000 000)
 *
 * What you should see: the plain and volatile totals short of expected by a different amount on
 * every run where the threads overlapped (the launcher says so when a run did not show it); the
 * forced schedule loses exactly one update every time, and with the lock none; every fix exact.
 * The throughput line gives each fix's median, not a ranking (the benchmarks' CounterBenchmarks
 * ranks them, with error bars); the coarse lock's parallelism stays near 1, because its threads
 * take turns. The block `<!-- observed race-condition -->` in this module's README.md is a run.
 *
 * Backed by jcstress (jcstress/src/main/java/dev/concurrencylab/jcstress/ReadModifyWrite.java): the
 * same claims, two threads one increment each. The block `<!-- measured jcstress -->` in
 * jcstress/README.md holds the last run's counts, which that run writes:
 *     ./mvnw -Pjcstress -pl jcstress -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 */
