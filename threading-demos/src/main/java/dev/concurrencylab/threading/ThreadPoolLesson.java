package dev.concurrencylab.threading;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Place;
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
 * ExecutorService is. Three ways to write map, and what happens when one task throws.
 */
public final class ThreadPoolLesson implements Lesson {

    static final int TASKS = 1024;
    static final int POOL_SIZE = 8;

    @Override
    public String id() {
        return "thread-pool";
    }

    @Override
    public String title() {
        return "Pool.map on threads: invokeAll, CompletableFuture, parallel streams; ordered results; failures";
    }

    @Override
    public List<String> mirrors() {
        return List.of("003");
    }

    @Override
    public Place place() {
        return new Place(1, 9);
    }

    @Override
    public List<String> keys() {
        return List.of("tasks", "results_in_order", "wall_s");
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("results_out_of_order", "map's results did not come back in input order",
                        seen -> !seen.flag("results_in_order")),
                Outcome.forbidden("failure_swallowed", "a failing task's exception did not reach the caller",
                        seen -> !seen.flag("failure_surfaced")),
                Outcome.forbidden("tasks_skipped", "map without results did not run every task",
                        seen -> seen.number("tasks_run_without_results") != seen.number("tasks")));
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

            /* The cost of a map: 1024 trivial tasks on a warm pool, median of several rounds. */
            int rounds = context.size(20, 200);
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Stopwatch map = Stopwatch.start();
                mapWithInvokeAll(pool, f);
                seconds.add(map.seconds());
            }
            Summary wall = Summary.of(seconds);
            context.say("invokeAll of %d trivial tasks on %d threads: %s s (%.2f us per task)",
                    TASKS, POOL_SIZE, wall, wall.median() / TASKS * 1e6);

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
                    .put("results_in_order", inOrder, "every way of mapping returned f(0) .. f(1023) in input order")
                    .put("wall_s", wall.median(), "one invokeAll map of 1024 trivial tasks on a warm pool (median)")
                    .put("per_task_us", wall.median() / TASKS * 1e6, "wall_s / tasks, in microseconds")
                    .put("failure_surfaced", surfaced.startsWith("ExecutionException caused by IllegalArgumentException"),
                            "the failing task's exception reached the caller as the cause");
        }
        return seen.conclude(String.format("map(f, range(%d)) on %d threads: results in order %s, %.2f us per task; a failure surfaces with its cause",
                TASKS, POOL_SIZE, seen.flag("results_in_order"), seen.number("per_task_us")));
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
