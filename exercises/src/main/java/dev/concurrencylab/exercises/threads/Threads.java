package dev.concurrencylab.exercises.threads;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * What the threads chapter's exercises implement: the graders test these interfaces, whichever
 * class implements them. Do not change them; change the exercise files.
 */
public final class Threads {

    private Threads() {}

    /** A number in memory that the grader owns and can pause in the middle of your increment. */
    public interface Cell {
        long read();

        void write(long value);
    }

    /** Exercise 01. */
    public interface Tally {
        /** Adds one to {@code cell}, exactly, however many threads call this at once on one tally. */
        void increment(Cell cell);
    }

    /** Exercise 02: Python's {@code threading.Event}. */
    public interface Event {
        void set();

        void clear();

        boolean isSet();

        /** Waits until the event is set or {@code timeout} passes; true when it is set. */
        boolean await(Duration timeout) throws InterruptedException;
    }

    /** Exercise 03: a queue of ints that holds at most {@link #capacity()} of them. */
    public interface BoundedBuffer {
        int capacity();

        /** Adds {@code item} at the tail, waiting while the buffer is full. */
        void put(int item) throws InterruptedException;

        /** Removes the head, waiting while the buffer is empty. */
        int take() throws InterruptedException;
    }

    /** An account of exercise 04; the grader makes them, each with a lock of its own. */
    public static final class Account {
        private final int id;
        private final Lock lock;
        private long balance; // guarded by lock

        public Account(int id, long balance, Lock lock) {
            this.id = id;
            this.balance = balance;
            this.lock = lock;
        }

        public int id() {
            return id;
        }

        public Lock lock() {
            return lock;
        }

        public long balance() {
            return balance;
        }

        public void add(long amount) {
            balance += amount;
        }
    }

    /** Exercise 04. */
    public interface Transfers {
        /** Moves {@code amount} from one account to the other while holding both accounts' locks. */
        void transfer(Account from, Account to, long amount);
    }

    /** Exercise 05. */
    public interface Pipeline {
        /**
         * Hands every item to {@code sink} exactly once, from {@code consumers} threads made with
         * {@code threads} that take them from a bounded queue one producer fills; returns when all
         * items are delivered and every thread it made has ended.
         */
        void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException;
    }

    /** Exercise 06: Python's {@code Pool.map} on threads. */
    public interface OrderedMap {
        /**
         * {@code f} applied to every input on {@code threads} threads at once; the results in the
         * inputs' order. When {@code f} throws for an input, this throws, with that exception as
         * its cause (or as itself).
         */
        <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception;
    }

    /** Units of work the grader hands out for exercise 07; {@link #doOne()} sleeps a millisecond. */
    public interface Units {
        /** Whether there is another unit. */
        boolean hasNext();

        /** Does one unit: waits a millisecond in {@code Thread.sleep}, which an interrupt ends. */
        void doOne() throws InterruptedException;
    }

    /** Exercise 07. */
    public interface Worker {
        /**
         * Does units until there are none, or until its thread is interrupted; returns how many it
         * did. On an interrupt it stops at once and leaves its thread's interrupt flag set.
         */
        int work(Units units);
    }
}
