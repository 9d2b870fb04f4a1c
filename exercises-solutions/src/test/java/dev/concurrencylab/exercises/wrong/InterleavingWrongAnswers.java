package dev.concurrencylab.exercises.wrong;

import dev.concurrencylab.exercises.threads.Threads;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Wrong answers whose bug shows only in some schedules: a run of many threads that hopes for the
 * bad interleaving passes them now and then. The graders find them every time: by a schedule they
 * force from thread states (a second take woken by one put; threads held at their end until run()
 * returns), or, where no forced schedule shows the bug, by the explored check, which tries the
 * schedules one by one. GradersAreHonestTest grades each five times to show it.
 */
public final class InterleavingWrongAnswers {

    private InterleavingWrongAnswers() {}

    /** 03: waits with if instead of while, so a take woken after another take emptied the buffer removes nothing. */
    public static final class IfInsteadOfWhile implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final int capacity;

        public IfInsteadOfWhile(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            if (items.size() == capacity()) {
                wait();
            }
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            if (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notifyAll();
            return item;
        }
    }

    /**
     * 03: the textbook monitor (while, not if), but notify() where producers and consumers share
     * the monitor's one wait set: a put can wake a put, and then everyone waits. HotSpot wakes the
     * longest waiter, and with it the grader's other checks, the explored one included, pass it;
     * the check that chooses whom notify() wakes stalls it on every run.
     */
    public static final class NotifyOnOneMonitor implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final int capacity;

        public NotifyOnOneMonitor(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            while (items.size() == capacity()) {
                wait();
            }
            items.addLast(item);
            notify();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notify();
            return item;
        }
    }

    /** 05: one pill per consumer, but run() returns once the queue is drained instead of joining its consumers. */
    public static final class ReturnsWhenDrained implements Threads.Pipeline {
        @Override
        public void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException {
            BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
            for (int i = 0; i < consumers; i++) {
                threads.newThread(() -> {
                    try {
                        for (int item = queue.take(); item >= 0; item = queue.take()) {
                            sink.accept(item);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).start();
            }
            for (int item : items) {
                queue.put(item);
            }
            for (int i = 0; i < consumers; i++) {
                queue.put(-1);
            }
            while (!queue.isEmpty()) {
                Thread.onSpinWait(); // the last pill taken is not the last item delivered
            }
        }
    }

    /**
     * 03: one condition for both reasons to wait, and signal() wakes one waiter: a consumer's
     * signal can wake the other consumer instead of the producer waiting for room, and then
     * every thread waits (the mistake JCIP 14.2 warns of).
     */
    public static final class OneConditionSignal implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final int capacity;

        public OneConditionSignal(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void put(int item) throws InterruptedException {
            lock.lock();
            try {
                while (items.size() == capacity()) {
                    changed.await();
                }
                items.addLast(item);
                changed.signal();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int take() throws InterruptedException {
            lock.lock();
            try {
                while (items.isEmpty()) {
                    changed.await();
                }
                int item = items.removeFirst();
                changed.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * 01: a home-made lock whose test and set are two steps: two increments that both see it free
     * both go in. The forced schedule cannot catch it (the second increment finds the flag set and
     * spins); only a switch between the test and the set does.
     */
    public static final class TestThenSetTally implements Threads.Tally {
        private volatile boolean busy;

        @Override
        public void increment(Threads.Cell cell) {
            while (busy) {
                Thread.onSpinWait();
            }
            busy = true;
            try {
                cell.write(cell.read() + 1);
            } finally {
                busy = false;
            }
        }
    }

    /**
     * 02: await() looks at the flag, then waits, in two steps: a set() that comes between them
     * finds no waiter to wake, and await() sleeps out its whole timeout. Waiters already waiting
     * when set() comes are woken, so only a switch between the look and the wait shows it.
     */
    public static final class LookThenWaitEvent implements Threads.Event {
        private volatile boolean set;

        @Override
        public synchronized void set() {
            set = true;
            notifyAll();
        }

        @Override
        public void clear() {
            set = false;
        }

        @Override
        public boolean isSet() {
            return set;
        }

        @Override
        public boolean await(Duration timeout) throws InterruptedException {
            if (set) {
                return true;
            }
            synchronized (this) {
                wait(timeout.toMillis()); // the flag may have been set since the look above
            }
            return set;
        }
    }

    /**
     * 07: checks the interrupt flag between units, but swallows the InterruptedException that
     * ends a unit: the flag is clear again, so the loop goes on.
     */
    public static final class ChecksFlagSwallowsException implements Threads.Worker {
        @Override
        public int work(Threads.Units units) {
            int done = 0;
            while (units.hasNext() && !Thread.currentThread().isInterrupted()) {
                try {
                    units.doOne();
                    done++;
                } catch (InterruptedException e) {
                    // swallowed: the flag is now clear, and the loop's check sees nothing
                }
            }
            return done;
        }
    }
}
