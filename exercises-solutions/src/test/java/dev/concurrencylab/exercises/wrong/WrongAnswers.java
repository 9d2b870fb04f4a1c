package dev.concurrencylab.exercises.wrong;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.exercises.ipc.Ipc;
import dev.concurrencylab.exercises.processes.Processes;
import dev.concurrencylab.exercises.threads.Threads;
import dev.concurrencylab.ipc.SharedLongs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Plausible wrong answers, the mistakes students make: every grader must reject each one of its
 * exercise's (GradersAreHonestTest). Each compiles, runs, and looks right at a glance.
 */
public final class WrongAnswers {

    private WrongAnswers() {}

    /** 01: the notebook's a[0] += 1, with no lock. */
    public static final class UnlockedTally implements Threads.Tally {
        @Override
        public void increment(Threads.Cell cell) {
            cell.write(cell.read() + 1);
        }
    }

    /** 01: a lock, but a new one each call, so no two calls ever share it. */
    public static final class FreshLockTally implements Threads.Tally {
        @Override
        public void increment(Threads.Cell cell) {
            Object lock = new Object();
            synchronized (lock) {
                cell.write(cell.read() + 1);
            }
        }
    }

    /** 02: set() forgets notifyAll, so waiters sleep out their whole timeout. */
    public static final class EventWithoutNotify implements Threads.Event {
        private boolean set;

        @Override
        public synchronized void set() {
            set = true;
        }

        @Override
        public synchronized void clear() {
            set = false;
        }

        @Override
        public synchronized boolean isSet() {
            return set;
        }

        @Override
        public synchronized boolean await(Duration timeout) throws InterruptedException {
            if (!set) {
                wait(timeout.toMillis());
            }
            return set;
        }
    }

    /** 03: take() waits, but put() never does: the buffer grows past its capacity. */
    public static final class PutNeverWaits implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final int capacity;

        public PutNeverWaits(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public synchronized void put(int item) {
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            return items.removeFirst();
        }
    }

    /** 04: the locks in argument order: a to b and b to a deadlock. */
    public static final class ArgumentOrderLocks implements Threads.Transfers {
        @Override
        public void transfer(Threads.Account from, Threads.Account to, long amount) {
            from.lock().lock();
            try {
                to.lock().lock();
                try {
                    from.add(-amount);
                    to.add(amount);
                } finally {
                    to.lock().unlock();
                }
            } finally {
                from.lock().unlock();
            }
        }
    }

    /** 05: one pill for all the consumers: the first takes it and the others wait for ever. */
    public static final class OnePillForAll implements Threads.Pipeline {
        @Override
        public void run(List<Integer> items, int consumers, ThreadFactory threads, IntConsumer sink) throws InterruptedException {
            BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
            List<Thread> started = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                Thread consumer = threads.newThread(() -> {
                    try {
                        for (int item = queue.take(); item >= 0; item = queue.take()) {
                            sink.accept(item);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                consumer.start();
                started.add(consumer);
            }
            for (int item : items) {
                queue.put(item);
            }
            queue.put(-1);
            for (Thread consumer : started) {
                consumer.join();
            }
        }
    }

    /** 06: results in the order they finish, as a CompletionService hands them out. */
    public static final class CompletionOrderMap implements Threads.OrderedMap {
        @Override
        public <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception {
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                ExecutorCompletionService<R> completion = new ExecutorCompletionService<>(pool);
                inputs.forEach(input -> completion.submit(() -> f.apply(input)));
                List<R> results = new ArrayList<>();
                for (int i = 0; i < inputs.size(); i++) {
                    results.add(completion.take().get());
                }
                return results;
            }
        }
    }

    /** 06: in order, but a failing input becomes a null in the list. */
    public static final class SwallowingMap implements Threads.OrderedMap {
        @Override
        public <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception {
            return new CompletionOrderMap().map(inputs, input -> {
                try {
                    return f.apply(input);
                } catch (RuntimeException e) {
                    return null;
                }
            }, 1);
        }
    }

    /** 07: the interrupt is caught and ignored, so the loop goes on. */
    public static final class SwallowingWorker implements Threads.Worker {
        @Override
        public int work(Threads.Units units) {
            int done = 0;
            while (units.hasNext()) {
                try {
                    units.doOne();
                } catch (InterruptedException e) {
                    // ignored: the classic mistake
                }
                done++;
            }
            return done;
        }
    }

    /** 07: stops on the interrupt, but leaves the flag cleared. */
    public static final class FlagClearingWorker implements Threads.Worker {
        @Override
        public int work(Threads.Units units) {
            int done = 0;
            try {
                while (units.hasNext()) {
                    units.doOne();
                    done++;
                }
            } catch (InterruptedException e) {
                return done;
            }
            return done;
        }
    }

    /** 08: a thread instead of a process: it appends to the very list it was given. */
    public static final class ThreadNotProcess implements Processes.ChildCopy {
        @Override
        public Processes.ChildView appendInChild(List<Integer> list, int value) throws Exception {
            Thread thread = Thread.ofPlatform().start(() -> list.add(value));
            thread.join(Timeouts.seconds(10));
            return new Processes.ChildView(ProcessHandle.current().pid(), List.copyOf(list));
        }
    }

    /** 09: only the root is killed; its child lives on as an orphan. */
    public static final class RootOnly implements Processes.TreeKiller {
        @Override
        public void killTree(ProcessHandle root) throws Exception {
            root.destroyForcibly();
            while (root.isAlive()) {
                Thread.sleep(5);
            }
        }
    }

    /** 09: the root and its children, but not what they started: children() is one generation, descendants() all. */
    public static final class ChildrenOnly implements Processes.TreeKiller {
        @Override
        public void killTree(ProcessHandle root) throws Exception {
            List<ProcessHandle> tree = new ArrayList<>(root.children().toList());
            tree.addFirst(root);
            tree.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle process : tree) {
                while (process.isAlive()) {
                    Thread.sleep(5);
                }
            }
        }
    }

    /** 10: one read() per part, as if it always filled the buffer. */
    public static final class SingleReads implements Ipc.FrameReader {
        @Override
        public byte[] readFrame(InputStream in) throws IOException {
            byte[] header = new byte[4];
            if (in.read(header) < 0) {
                return null;
            }
            byte[] payload = new byte[ByteBuffer.wrap(header).getInt()];
            in.read(payload);
            return payload;
        }
    }

    /** 11: the checksum is written but never checked. */
    public static final class UncheckedSeal implements Ipc.Seal {
        @Override
        public byte[] seal(byte[] payload) {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(payload);
            return ByteBuffer.allocate(payload.length + 4).put(payload).putInt((int) crc.getValue()).array();
        }

        @Override
        public byte[] open(byte[] sealed) {
            return Arrays.copyOf(sealed, Math.max(0, sealed.length - 4));
        }
    }

    /** 12: Python's Value('i', lock=False): a read, then a write. */
    public static final class ReadThenWrite implements Ipc.SharedIncrement {
        @Override
        public void increment(SharedLongs memory, int slot, int lockSlot) {
            memory.set(slot, memory.get(slot) + 1);
        }
    }

    /** 06: results in order and failures passed on, but a thread per input, whatever bound it was given. */
    public static final class ThreadPerInputMap implements Threads.OrderedMap {
        @Override
        public <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception {
            try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
                List<Future<R>> futures = new ArrayList<>();
                for (T input : inputs) {
                    futures.add(pool.submit(() -> f.apply(input)));
                }
                List<R> results = new ArrayList<>();
                for (Future<R> future : futures) {
                    try {
                        results.add(future.get());
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                }
                return results;
            }
        }
    }

    /** 02: clear() forgets to reset the flag, so a cleared event still reads as set. */
    public static final class ClearDoesNothingEvent implements Threads.Event {
        private boolean set;

        @Override
        public synchronized void set() {
            set = true;
            notifyAll();
        }

        @Override
        public synchronized void clear() {
            // forgotten: set = false
        }

        @Override
        public synchronized boolean isSet() {
            return set;
        }

        @Override
        public synchronized boolean await(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!set) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** 04: the locks in the order of the balances, which two accounts can share: then argument order, and a deadlock. */
    public static final class BalanceOrderLocks implements Threads.Transfers {
        @Override
        public void transfer(Threads.Account from, Threads.Account to, long amount) {
            boolean fromFirst = from.balance() <= to.balance();
            Threads.Account first = fromFirst ? from : to;
            Threads.Account second = fromFirst ? to : from;
            first.lock().lock();
            try {
                second.lock().lock();
                try {
                    from.add(-amount);
                    to.add(amount);
                } finally {
                    second.lock().unlock();
                }
            } finally {
                first.lock().unlock();
            }
        }
    }

    /** 04: the locks in argument order, but a transfer that finds its second lock taken gives up: no deadlock, and no transfer either. */
    public static final class GivesUpWhenBusy implements Threads.Transfers {
        @Override
        public void transfer(Threads.Account from, Threads.Account to, long amount) {
            from.lock().lock();
            try {
                if (!to.lock().tryLock()) {
                    return; // "avoids" the deadlock by dropping the transfer
                }
                try {
                    from.add(-amount);
                    to.add(amount);
                } finally {
                    to.lock().unlock();
                }
            } finally {
                from.lock().unlock();
            }
        }
    }

    /** 05: a pill per consumer, then run() returns without joining them. */
    public static final class NoJoin implements Threads.Pipeline {
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
        }
    }
}
