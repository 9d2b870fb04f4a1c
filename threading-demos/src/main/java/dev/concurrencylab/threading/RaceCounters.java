package dev.concurrencylab.threading;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared totals of the race-condition lesson: two that lose updates (a plain field, a
 * volatile one) and the five fixes, each adding 1 the way its comment says. The lesson runs them
 * on ten threads; CounterBenchmarks ranks the fixes.
 */
final class RaceCounters {

    private RaceCounters() {}

    /** A shared total that threads add to; each variant below is one way to do it. */
    interface Counter {
        /** Adds 1, {@code times} times, the way this variant adds. */
        void addRepeatedly(int times);

        long total();
    }

    /*
     * The broken variants.
     *
     * PlainCounter is notebook 004's loop without the lock. Its field is neither volatile nor
     * guarded, so the JIT may keep the total in a register for the whole loop: one read before,
     * one write after. Then each thread's additions become a single read-add-write; when two
     * threads overlap, one overwrites the other's entire contribution, and when they happen not
     * to, the total comes out exact. VolatileCounter forbids the register trick: every += really
     * reads and writes memory, and updates are lost whenever two threads run at once. volatile
     * makes each read and each write visible, not the read-add-write indivisible.
     */
    static final class PlainCounter implements Counter {
        private long total; // unguarded on purpose

        @Override
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                total += 1;
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
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                total += 1;
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
     * does the same with one atomic instruction (addAndGet is a lock xadd on x86-64, an LDADD or a
     * load-linked/store-conditional loop on ARM64). LongAdder gives each contending thread its
     * own cell and sums the cells on total(). CoarseLockCounter is notebook 004's exact shape: one
     * lock around the whole loop, so the threads take turns, one whole loop at a time.
     *
     * Every fix adds one() rather than the constant 1: a volatile read the JIT must repeat at
     * every addition. With a constant, the coarse lock's loop is a sum the compiler may collapse
     * into a single multiplication, and its throughput would measure that, not threads taking
     * turns.
     */
    private static volatile long one = 1;

    /** 1, read from memory at every addition. */
    static long one() {
        return one;
    }

    static final class SynchronizedCounter implements Counter {
        private long total; // guarded by this

        @Override
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                synchronized (this) {
                    total += one();
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
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                lock.lock();
                try {
                    total += one();
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
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                total.addAndGet(one());
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
        public void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                total.add(one());
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
        public synchronized void addRepeatedly(int times) {
            for (int i = 0; i < times; i++) {
                total += one();
            }
        }

        @Override
        public synchronized long total() {
            return total;
        }
    }
}
