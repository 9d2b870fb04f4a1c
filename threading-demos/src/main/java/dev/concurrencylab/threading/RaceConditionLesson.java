package dev.concurrencylab.threading;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;

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
 * fixes. (Nor does a GIL make += atomic: CPython can switch threads between the read and the
 * write; it just rarely happens to, which is why notebook 004 takes a lock all the same.)
 */
public final class RaceConditionLesson implements Lesson {

    static final int THREADS = 10;

    @Override
    public String id() {
        return "race-condition";
    }

    @Override
    public String title() {
        return "Race conditions: lost updates, a schedule that loses one every time, and four fixes";
    }

    @Override
    public List<String> mirrors() {
        return List.of("000", "001", "004");
    }

    /** A shared total that threads add to; each variant below is one way to do it. */
    interface Counter {
        /** Adds {@code amount}, {@code times} times, the way this variant adds. */
        void addRepeatedly(long amount, int times);

        long total();
    }

    /*
     * The broken variants.
     *
     * PlainCounter is notebook 004's loop without the lock. Its field is neither volatile nor
     * guarded, so the JIT may keep the total in a register for the whole loop: one read before,
     * one write after. Each thread's million additions become a single read-add-write, the
     * window for another thread shrinks to almost nothing, and the total often comes out exact.
     * The race is hidden, not gone: when two threads do overlap, one overwrites the other's
     * entire contribution. VolatileCounter forbids the register trick, every += really reads and
     * writes memory, and now updates are lost on every run: volatile makes each read and each
     * write visible, not the read-add-write indivisible.
     */
    static final class PlainCounter implements Counter {
        private long total; // unguarded on purpose

        @Override
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                total += amount;
            }
        }

        @Override
        public long total() {
            return total;
        }
    }

    static final class VolatileCounter implements Counter {
        private volatile long total;

        @Override
        @SuppressWarnings("NonAtomicOperationOnVolatileField") // the point of this class
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                total += amount;
            }
        }

        @Override
        public long total() {
            return total;
        }
    }

    /*
     * The fixes. synchronized and ReentrantLock make the three steps one, at the cost of a lock
     * per addition (ReentrantLock's lock() in try/finally is Python's "with lock:"). AtomicLong
     * does the same with one hardware compare-and-set. LongAdder gives each contending thread its
     * own cell and sums the cells on total(): the fastest under contention. CoarseLockCounter is
     * notebook 004's exact shape: one lock around the whole loop, so the threads simply take
     * turns; exact and fast, but nothing runs in parallel.
     */
    static final class SynchronizedCounter implements Counter {
        private long total; // guarded by this

        @Override
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                synchronized (this) {
                    total += amount;
                }
            }
        }

        @Override
        public synchronized long total() {
            return total;
        }
    }

    static final class LockCounter implements Counter {
        private final ReentrantLock lock = new ReentrantLock();
        private long total; // guarded by lock

        @Override
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                lock.lock();
                try {
                    total += amount;
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public long total() {
            lock.lock();
            try {
                return total;
            } finally {
                lock.unlock();
            }
        }
    }

    static final class AtomicCounter implements Counter {
        private final AtomicLong total = new AtomicLong();

        @Override
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                total.addAndGet(amount);
            }
        }

        @Override
        public long total() {
            return total.get();
        }
    }

    static final class AdderCounter implements Counter {
        private final LongAdder total = new LongAdder();

        @Override
        public void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                total.add(amount);
            }
        }

        @Override
        public long total() {
            return total.sum();
        }
    }

    static final class CoarseLockCounter implements Counter {
        private long total; // guarded by this

        @Override
        public synchronized void addRepeatedly(long amount, int times) {
            for (int i = 0; i < times; i++) {
                total += amount;
            }
        }

        @Override
        public synchronized long total() {
            return total;
        }
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();

        /*
         * Part 1: notebook 000's a[0] += 1 on ten threads. It comes out right, nearly always: one
         * increment takes nanoseconds and starting a thread takes tens of microseconds, so the
         * threads hardly ever overlap. "It worked when I tried it" is how races ship.
         */
        int[] a = {1, 2, 3};
        List<Callable<Void>> bumps = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            bumps.add(() -> {
                a[0] += 1;
                return null;
            });
        }
        ParallelRun.onPlatformThreads(bumps);
        context.say("notebook 000, a[0] += 1 on %d threads: %s", THREADS, Arrays.toString(a));
        seen.put("array_after_10_threads", List.of(a[0], a[1], a[2]), "notebook 000's list after 10 threads added 1 to a[0]");

        /*
         * Part 2: notebook 004's total += amount, ten threads, without a lock.
         */
        int times = context.size(200_000, 1_000_000);
        long expected = (long) THREADS * times;
        long plain = run(PlainCounter::new, times).total;
        long racy = run(VolatileCounter::new, times).total;
        context.say("%d threads x %,d additions, expected %,d: plain field %,d, volatile field %,d (%,d lost)",
                THREADS, times, expected, plain, racy, expected - racy);
        seen.put("expected", expected, "threads x additions: the right total")
                .put("plain_observed", plain, "total with a plain field: often exact, because the JIT keeps it in a register")
                .put("racy_observed", racy, "total with a volatile field: every addition reads and writes memory")
                .put("lost_updates", expected - racy, "additions the volatile version lost");

        /*
         * Part 3: a schedule that loses an update every time. Two threads add 1 to zero. With
         * latches we force the bad order: A reads 0; B reads 0 and writes 1; A writes 0 + 1 = 1.
         * The total is 1, not 2, on every run: this is what a test can assert.
         */
        long forced = forcedInterleaving(false);
        long forcedWithLock = forcedInterleaving(true);
        context.say("forced interleaving: without a lock %d (expected 2), with a lock %d", forced, forcedWithLock);
        seen.put("forced_interleaving_observed", forced, "A reads, B reads and writes, A writes: one update lost, always")
                .put("forced_interleaving_with_lock_observed", forcedWithLock,
                        "the same schedule attempted with a lock: B must wait, nothing is lost");

        /*
         * Part 4: the fixes, all exact, with their throughput side by side.
         */
        record Fix(String key, String description, Supplier<Counter> counter) {}
        List<Fix> fixes = List.of(
                new Fix("synchronized", "synchronized block per addition", SynchronizedCounter::new),
                new Fix("lock", "ReentrantLock per addition (Python's with lock:)", LockCounter::new),
                new Fix("atomic", "AtomicLong.addAndGet", AtomicCounter::new),
                new Fix("adder", "LongAdder.add", AdderCounter::new),
                new Fix("coarse_lock", "one lock around each thread's whole loop (notebook 004)", CoarseLockCounter::new));
        for (Fix fix : fixes) {
            Outcome outcome = run(fix.counter(), times);
            double perSecond = expected / outcome.measurement.wallSeconds();
            context.say("%-12s %,d in %.3f s: %.1f million additions per second", fix.key(), outcome.total,
                    outcome.measurement.wallSeconds(), perSecond / 1e6);
            seen.put(fix.key() + "_observed", outcome.total, fix.description() + ": the total")
                    .put(fix.key() + "_m_per_s", perSecond / 1e6, fix.description() + ": million additions per second");
        }

        return seen.conclude(String.format("%,d additions: volatile lost %,d; forced schedule lost %d of 2; "
                        + "synchronized, ReentrantLock, AtomicLong, LongAdder all exact",
                expected, expected - racy, 2 - forced));
    }

    private record Outcome(long total, Measurement measurement) {}

    /** {@link #THREADS} threads, released together, each adding 1 {@code times} times. */
    private static Outcome run(Supplier<Counter> newCounter, int times) throws Exception {
        Counter counter = newCounter.get();
        List<Callable<Void>> adders = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            adders.add(() -> {
                counter.addRepeatedly(1, times);
                return null;
            });
        }
        Measurement measurement = ParallelRun.onPlatformThreads(adders).measurement();
        return new Outcome(counter.total(), measurement); // the join in ParallelRun makes every write visible
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
 * What you should see (this machine, 2 cores, JDK 25, --quick):
 *     array_after_10_threads                  11, 2, 3
 *     expected                                2000000
 *     plain_observed                          1058877
 *     racy_observed                           753754
 *     lost_updates                            1246246
 *     forced_interleaving_observed            1
 *     forced_interleaving_with_lock_observed  2
 *     synchronized_observed                   2000000
 *     synchronized_m_per_s                    7.048
 *     lock_observed                           2000000
 *     lock_m_per_s                            45.486
 *     atomic_observed                         2000000
 *     atomic_m_per_s                          36.434
 *     adder_observed                          2000000
 *     adder_m_per_s                           38.818
 *     coarse_lock_observed                    2000000
 *     coarse_lock_m_per_s                     180.002
 *
 * The plain and volatile totals fall short of expected by a different amount on every run: that
 * is a race. The forced schedule loses exactly one update every time; with the lock, none. Every
 * fix is exact. LongAdder is the fastest under contention; the coarse lock is fast too, but only
 * because the threads stop competing: they take turns.
 */
