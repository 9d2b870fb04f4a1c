package dev.concurrencylab.threading;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.core.measure.Summary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/*
 * Lesson thread-pool: Pool.map, on threads.
 *
 * Mirrors notebook 003: with Pool(8) as p: p.map(f, range(1024)), once for the side effects and
 * once for the results ([0, 1, 2, ..., 1023], in input order). The notebook's Pool is made of
 * processes; multiprocessing.pool.ThreadPool is the same API on threads, which is what a Java
 * ExecutorService is. Three ways to write map, what one costs per task with a future for each
 * task and with the inputs cut into chunks as Pool.map cuts them, and what happens when one task
 * throws.
 */
@LessonCard(id = "thread-pool", place = "1.9", notebooks = "003",
        title = "Pool.map on threads: invokeAll, CompletableFuture, parallel streams; ordered results; failures",
        keys = {"tasks", "results_in_order", "wall_s", "chunksize", "per_task_us_future_each", "per_task_us_chunked"})
public final class ThreadPoolLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ThreadPoolLesson(), args);
    }

    static final int TASKS = 1024;
    static final int POOL_SIZE = 8;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("results_out_of_order", "map's results did not come back in input order",
                        seen -> !seen.flag("results_in_order")),
                Outcome.forbidden("failure_swallowed", "a failing task's exception did not reach the caller",
                        seen -> !seen.flag("failure_surfaced")),
                Outcome.forbidden("tasks_skipped", "map without results did not run every task",
                        seen -> seen.number("tasks_run_without_results") != seen.number("tasks")),
                Outcome.forbidden("chunks_not_as_python_cuts_them", "the chunk size is not Python's ceil(tasks / (4 x threads))",
                        seen -> seen.number("chunksize") != chunksize((int) seen.number("tasks"), (int) seen.number("pool_threads"))),
                Outcome.hiddenByLoad("chunks_cheaper", "a chunked map cost less per task than a future per task",
                        seen -> seen.number("per_task_us_chunked") < seen.number("per_task_us_future_each"),
                        seen -> String.format("chunked %.3f us against %.3f us per task in this run",
                                seen.number("per_task_us_chunked"), seen.number("per_task_us_future_each"))));
    }

    /** Python's Pool.map default: {@code ceil(tasks / (4 × threads))}, at least 1. */
    static int chunksize(int tasks, int threads) {
        return Math.max(1, (tasks + 4 * threads - 1) / (4 * threads));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        IntUnaryOperator f = x -> x; // the notebook's f
        List<Integer> expected = IntStream.range(0, TASKS).boxed().toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE)) {
            /*
             * Without return values: p.map(f, range(1024)) for the side effects. Each task counts
             * itself; the pool runs them all. close() (try-with-resources) waits for them, as
             * Python's p.close(); p.join() does.
             */
            AtomicInteger ran = new AtomicInteger();
            try (ExecutorService sideEffects = Executors.newFixedThreadPool(POOL_SIZE)) {
                for (int x = 0; x < TASKS; x++) {
                    sideEffects.execute(ran::incrementAndGet);
                }
            }
            context.say("map without results: %d tasks ran", ran.get());

            /*
             * With return values, three ways. invokeAll returns futures in the order of the tasks,
             * whatever order they finished in. A CompletableFuture per input, joined in input
             * order, does the same. A parallel stream (on the common fork-join pool) keeps the
             * encounter order of range(1024) when collected.
             */
            List<Integer> viaInvokeAll = mapWithInvokeAll(pool, f);
            List<Integer> viaFutures = mapWithCompletableFutures(pool, f);
            List<Integer> viaStream = IntStream.range(0, TASKS).parallel().map(f).boxed().toList();
            boolean inOrder = viaInvokeAll.equals(expected) && viaFutures.equals(expected) && viaStream.equals(expected);
            context.say("map with results: invokeAll, CompletableFuture and parallel stream all gave [0 .. 1023] in order: %s",
                    inOrder);

            /*
             * The cost of a map on a warm pool: a future per task, as invokeAll above, against the
             * inputs cut into chunks as Python's Pool.map cuts them, one task per chunk. Timed in
             * rounds, one map of each per round, taking turns at going first, so that whatever
             * slows the machine for a while slows both.
             */
            int chunksize = chunksize(TASKS, POOL_SIZE);
            boolean chunkedInOrder = mapInChunks(pool, f, chunksize).equals(expected);
            context.say("map in %d chunks of %d: [0 .. 1023] in order: %s", (TASKS + chunksize - 1) / chunksize, chunksize, chunkedInOrder);
            for (int i = 0; i < context.size(50, 200); i++) { // discarded: the JIT compiles both paths first
                mapWithInvokeAll(pool, f);
                mapInChunks(pool, f, chunksize);
            }
            int rounds = context.size(40, 200);
            List<Double> futureEach = new ArrayList<>();
            List<Double> chunked = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double[] micros = new double[2];
                for (int turn = 0; turn < 2; turn++) {
                    boolean chunkedTurn = (turn + round) % 2 == 1;
                    Stopwatch map = Stopwatch.start();
                    if (chunkedTurn) {
                        mapInChunks(pool, f, chunksize);
                    } else {
                        mapWithInvokeAll(pool, f);
                    }
                    micros[chunkedTurn ? 1 : 0] = map.seconds() / TASKS * 1e6;
                }
                futureEach.add(micros[0]);
                chunked.add(micros[1]);
                ratios.add(micros[1] / micros[0]);
            }
            Summary perTaskFutureEach = Summary.of(futureEach);
            Summary perTaskChunked = Summary.of(chunked);
            Summary ratio = Summary.of(ratios);
            context.say("per task, %d rounds on %d threads: a future each %.3f us (%.3f–%.3f); chunks of %d, as Pool.map cuts "
                            + "them, %.3f us (%.3f–%.3f); chunked over a future each: %.2fx (rounds %.2fx to %.2fx)",
                    rounds, POOL_SIZE, perTaskFutureEach.median(), perTaskFutureEach.min(), perTaskFutureEach.max(), chunksize,
                    perTaskChunked.median(), perTaskChunked.min(), perTaskChunked.max(), ratio.median(), ratio.min(), ratio.max());

            /*
             * A failing task. Task 500 throws. invokeAll still runs the others; the failure waits
             * in its future and comes out of get() as an ExecutionException whose cause is the
             * original exception, as Python's map re-raises the worker's exception. join() on a
             * CompletableFuture wraps it in a CompletionException instead.
             */
            String surfaced = failureThroughInvokeAll(pool);
            String surfacedJoin = failureThroughJoin(pool);
            context.say("a task that throws: get() -> %s; join() -> %s", surfaced, surfacedJoin);

            seen.put("tasks", TASKS, "inputs mapped: range(1024)")
                    .put("pool_threads", POOL_SIZE, "threads in the pool (the notebook's Pool(8))")
                    .put("tasks_run_without_results", ran.get(), "tasks the side-effect map ran")
                    .put("results_in_order", inOrder && chunkedInOrder, "every way of mapping returned f(0) .. f(1023) in input order")
                    .put("chunksize", chunksize, "inputs per chunk, as Python's Pool.map cuts them for this pool")
                    .put("wall_s", perTaskFutureEach.median() * TASKS / 1e6, "one invokeAll map of 1024 trivial tasks, a future each, on a warm pool (median)")
                    .put("per_task_us_future_each", perTaskFutureEach.median(), "microseconds per task with a future per task (median of the rounds)")
                    .put("per_task_us_chunked", perTaskChunked.median(), "microseconds per task with a future per chunk (median of the rounds)")
                    .put("chunked_vs_future_each", ratio.median(), "per_task_us_chunked / per_task_us_future_each, median of the rounds' ratios")
                    .put("failure_surfaced", surfaced.startsWith("ExecutionException caused by IllegalArgumentException"),
                            "the failing task's exception reached the caller as the cause");
        }
        return seen.conclude(String.format("map(f, range(%d)) on %d threads: results in order %s; %.3f us per task with a future each, "
                        + "%.3f us in chunks of %d; a failure surfaces with its cause", TASKS, POOL_SIZE, seen.flag("results_in_order"),
                seen.number("per_task_us_future_each"), seen.number("per_task_us_chunked"), (int) seen.number("chunksize")));
    }

    private static List<Integer> mapWithInvokeAll(ExecutorService pool, IntUnaryOperator f)
            throws InterruptedException, ExecutionException {
        List<Callable<Integer>> tasks = new ArrayList<>(TASKS);
        for (int x = 0; x < TASKS; x++) {
            int input = x;
            tasks.add(() -> f.applyAsInt(input));
        }
        List<Integer> results = new ArrayList<>(TASKS);
        for (Future<Integer> future : pool.invokeAll(tasks, Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS)) {
            results.add(future.get());
        }
        return results;
    }

    /** map as Pool.map does it: one task per chunk of {@code chunksize} inputs, the chunks' results joined in input order. */
    static List<Integer> mapInChunks(ExecutorService pool, IntUnaryOperator f, int chunksize)
            throws InterruptedException, ExecutionException {
        List<Callable<int[]>> chunks = new ArrayList<>();
        for (int start = 0; start < TASKS; start += chunksize) {
            int first = start;
            int end = Math.min(TASKS, start + chunksize);
            chunks.add(() -> {
                int[] outputs = new int[end - first];
                for (int x = first; x < end; x++) {
                    outputs[x - first] = f.applyAsInt(x);
                }
                return outputs;
            });
        }
        List<Integer> results = new ArrayList<>(TASKS);
        for (Future<int[]> chunk : pool.invokeAll(chunks, Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS)) {
            for (int output : chunk.get()) {
                results.add(output);
            }
        }
        return results;
    }

    private static List<Integer> mapWithCompletableFutures(ExecutorService pool, IntUnaryOperator f) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(TASKS);
        for (int x = 0; x < TASKS; x++) {
            int input = x;
            futures.add(CompletableFuture.supplyAsync(() -> f.applyAsInt(input), pool));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private static int failOn500(int x) {
        if (x == 500) {
            throw new IllegalArgumentException("task " + x + " cannot be mapped");
        }
        return x;
    }

    private static String failureThroughInvokeAll(ExecutorService pool) throws InterruptedException {
        try {
            mapWithInvokeAll(pool, ThreadPoolLesson::failOn500);
            return "no failure";
        } catch (ExecutionException e) {
            return describe(e);
        }
    }

    private static String failureThroughJoin(ExecutorService pool) {
        try {
            mapWithCompletableFutures(pool, ThreadPoolLesson::failOn500);
            return "no failure";
        } catch (CompletionException e) {
            return describe(e);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + " caused by " + e.getCause().getClass().getSimpleName()
                + ": " + e.getCause().getMessage();
    }
}

/*
 * Run it:
 *     ./concurrency-lab run thread-pool
 *
 * What a run shows: the block `<!-- observed thread-pool -->` in this module's README.md, which
 * `./concurrency-lab observed thread-pool` rewrites from a real run on the reader's machine.
 */
