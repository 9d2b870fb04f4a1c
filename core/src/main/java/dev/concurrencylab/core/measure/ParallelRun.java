package dev.concurrencylab.core.measure;

import dev.concurrencylab.core.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs tasks on one new thread each, starting them together, and measures the run.
 *
 * <p>Every worker first waits at a start gate, so thread creation is not timed. The wall time runs
 * from opening the gate to the last worker's end. The CPU time is the sum of what each worker
 * thread itself used ({@link CpuTime#currentThreadNanos()}), so JIT and GC threads do not inflate
 * the parallelism; where a thread cannot measure itself (virtual threads) the process CPU time
 * is used instead.
 *
 * <p>Memory consistency effects: everything a task did happens-before {@link #run} returns its
 * results (the workers are joined).
 */
public final class ParallelRun {

    /** The results of the tasks, in task order, and the measurement of the whole run. */
    public record Result<T>(List<T> values, Measurement measurement) {}

    private ParallelRun() {}

    /** Runs each task on its own platform thread. */
    public static <T> Result<T> onPlatformThreads(List<? extends Callable<T>> tasks) throws Exception {
        return run(tasks, Thread.ofPlatform().name("worker-", 1).factory());
    }

    /** Runs each task on a thread from {@code threads} (platform or virtual), within ten minutes, scaled. */
    public static <T> Result<T> run(List<? extends Callable<T>> tasks, ThreadFactory threads) throws Exception {
        return run(tasks, threads, Timeouts.seconds(600));
    }

    /**
     * Runs each task on a thread from {@code threads}.
     *
     * @param timeout how long all tasks may take together; past it they are interrupted, joined,
     *                and a {@link TimeoutException} is thrown
     * @throws ExecutionException the first task failure, after every worker has been joined
     */
    public static <T> Result<T> run(List<? extends Callable<T>> tasks, ThreadFactory threads,
                                    Duration timeout) throws Exception {
        int n = tasks.size();
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicReferenceArray<T> values = new AtomicReferenceArray<>(n);
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(n);
        long[] cpuNanos = new long[n]; // each slot written by one worker, read after join
        List<Thread> workers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<T> task = tasks.get(i);
            workers.add(threads.newThread(() -> {
                ready.countDown();
                try {
                    gate.await();
                    long cpuBefore = CpuTime.currentThreadNanos();
                    values.set(index, task.call());
                    long cpuAfter = CpuTime.currentThreadNanos();
                    cpuNanos[index] = cpuBefore < 0 ? -1 : cpuAfter - cpuBefore;
                } catch (Throwable failure) {
                    failures.set(index, failure);
                }
            }));
        }
        workers.forEach(Thread::start);
        try {
            if (!ready.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("workers did not start within " + timeout);
            }
            long processCpuBefore = CpuTime.processNanos();
            long start = System.nanoTime();
            gate.countDown();
            long deadline = start + timeout.toNanos();
            for (Thread worker : workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !worker.join(Duration.ofNanos(left))) {
                    throw new TimeoutException(n + " tasks did not finish within " + timeout);
                }
            }
            long wall = System.nanoTime() - start;
            long processCpu = CpuTime.processNanos() - processCpuBefore;
            for (int i = 0; i < n; i++) {
                if (failures.get(i) != null) {
                    throw new ExecutionException("task " + i + " failed", failures.get(i));
                }
            }
            long cpu = 0;
            for (long used : cpuNanos) {
                if (used < 0) {
                    cpu = Math.max(processCpu, 0);
                    break;
                }
                cpu += used;
            }
            List<T> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                results.add(values.get(i));
            }
            return new Result<>(results, new Measurement(Duration.ofNanos(wall), Duration.ofNanos(cpu)));
        } finally {
            gate.countDown();
            stopAndJoin(workers, timeout);
        }
    }

    /** Interrupts workers still running and joins them; a worker that outlives that is reported. */
    private static void stopAndJoin(List<Thread> workers, Duration timeout) throws InterruptedException {
        for (Thread worker : workers) {
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
        for (Thread worker : workers) {
            if (!worker.join(timeout)) {
                throw new IllegalStateException(worker + " ignored interruption for " + timeout);
            }
        }
    }
}
