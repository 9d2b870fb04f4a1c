package dev.concurrencylab.process;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.ScriptFile;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Place;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.process.pool.AbstractPoolTask;
import dev.concurrencylab.process.pool.ProcessPool;
import dev.concurrencylab.process.pool.TaskFailedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/*
 * Lesson process-pool: Pool.map on worker JVMs.
 *
 * Mirrors notebook 003: with Pool(8) as p: p.map(f, range(1024)), with and without results. This
 * is the same map as the thread-pool lesson, now across processes, with what that costs: each
 * input and result crosses a pipe as bytes (ipc's Codec; Python pickles), so the pool sends them
 * in chunks (Python's default chunksize is ceil(len / (4 × workers)), and so is ours), and the
 * workers are whole JVMs started once, up front.
 *
 * The function must be findable by the worker: Python needs it importable, here it is a class
 * implementing PoolTask on the shared class path. A task that throws comes back as an exception
 * naming the input, with the worker's stack trace; the pool carries on.
 */
public final class ProcessPoolLesson implements Lesson {

    static final int TASKS = 1024;

    /** The notebook's f: f(x) = x. */
    public static final class Identity extends AbstractPoolTask<Integer, Integer> {
        public Identity() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    /** f, except that input 500 throws. */
    public static final class FailOn500 extends AbstractPoolTask<Integer, Integer> {
        public FailOn500() {
            super(Codec.INT, Codec.INT);
        }

        @Override
        public Integer apply(Integer x) {
            if (x == 500) {
                throw new IllegalStateException("cannot map " + x);
            }
            return x;
        }
    }

    @Override
    public String id() {
        return "process-pool";
    }

    @Override
    public String title() {
        return "Pool.map on worker JVMs: chunks, results in order, failures reported";
    }

    @Override
    public List<String> mirrors() {
        return List.of("003");
    }

    @Override
    public Place place() {
        return new Place(2, 4);
    }

    @Override
    public List<String> keys() {
        return List.of("workers", "tasks", "results_in_order", "per_task_us");
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("results_out_of_order", "map's results did not come back in input order",
                        seen -> !seen.flag("results_in_order")),
                Outcome.forbidden("failure_swallowed", "a failing task was not reported with its cause",
                        seen -> !seen.flag("failure_reported")),
                Outcome.forbidden("pool_broken_by_failure", "the pool could not map again after a task failed",
                        seen -> !seen.flag("usable_after_failure")),
                Outcome.interesting("half_of_cpython", "a task through the pool cost at most half of one through CPython's Pool(2).map",
                        seen -> seen.number("vs_cpython") <= 0.5,
                        seen -> Double.isNaN(seen.number("vs_cpython")) ? "no python3 on PATH to compare with"
                                : String.format("%.2fx of CPython's cost per task in this run", seen.number("vs_cpython"))),
                Outcome.forbidden("chunks_not_as_python_cuts_them", "the chunk size is not Python's ceil(tasks / (4 x workers))",
                        seen -> seen.number("chunksize") != Math.ceil(seen.number("tasks") / (4 * seen.number("workers")))));
    }

    /** CPython's Pool(2).map per task, microseconds (median of {@code rounds}); NaN, with the reason said, if it fails. */
    static double cpythonPerTaskMicros(Path python, int rounds, LessonContext context) {
        try (ScriptFile script = ScriptFile.copy(ProcessPoolLesson.class, "pool_map_per_task.py")) {
            Executables.Outcome outcome = Executables.run(List.of(python.toString(), script.path().toString(), Integer.toString(rounds)),
                    Timeouts.seconds(120));
            String last = outcome.stdout().isEmpty() ? "" : outcome.stdout().getLast();
            if (outcome.exitCode() != 0 || !last.startsWith("per_task_us ")) {
                context.say("CPython's Pool(2).map could not be timed: exit %d%s", outcome.exitCode(),
                        outcome.stderr().isEmpty() ? "" : ", " + outcome.stderr().getLast());
                return Double.NaN;
            }
            return Double.parseDouble(last.substring("per_task_us ".length()));
        } catch (IOException | RuntimeException e) {
            context.say("CPython's Pool(2).map could not be timed: %s", e.getMessage());
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int workers = Runtime.getRuntime().availableProcessors();
        List<Integer> inputs = IntStream.range(0, TASKS).boxed().toList();
        try (ProcessPool pool = ProcessPool.start(workers)) {
            Summary startup = Summary.of(pool.startups().stream().map(d -> d.toNanos() / 1e6).toList());
            context.say("%d worker JVMs started, pids %s; launch to ready: median %.0f ms", workers, pool.pids(), startup.median());

            pool.run(Identity.class, inputs); // without results, for the side effects
            List<Integer> results = pool.map(Identity.class, inputs);
            boolean inOrder = results.equals(inputs);
            context.say("map(f, range(%d)) with chunksize %d: [%d, %d, %d, ..., %d], in order: %s", TASKS,
                    pool.defaultChunksize(TASKS), results.get(0), results.get(1), results.get(2), results.getLast(), inOrder);

            /*
             * The cost per task on a warm pool: median of many maps, after as many discarded
             * ones, so that the JIT of this JVM and of every worker has compiled the hot paths.
             */
            int rounds = context.size(100, 300);
            for (int i = 0; i < rounds; i++) {
                pool.map(Identity.class, inputs);
            }
            List<Double> perTaskMicros = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                Stopwatch map = Stopwatch.start();
                pool.map(Identity.class, inputs);
                perTaskMicros.add(map.seconds() / TASKS * 1e6);
            }
            Summary perTask = Summary.of(perTaskMicros);
            context.say("per task: median %.3f us (%.3f–%.3f) over %d maps of %d", perTask.median(), perTask.min(),
                    perTask.max(), rounds, TASKS);

            /* The same map in CPython, Pool(2).map on a warm pool, in the same run. */
            Optional<PythonFacts> python = PythonFacts.onPath();
            double cpython = python.isPresent() ? cpythonPerTaskMicros(python.get().executable(), rounds, context) : Double.NaN;
            python.ifPresent(found -> context.say("CPython %s, Pool(2).map(f, range(%d)) on a warm pool: median %.3f us per task; "
                    + "this pool %.2fx of it", found.version(), TASKS, cpython, perTask.median() / cpython));

            String failure;
            try {
                pool.map(FailOn500.class, inputs);
                failure = "none";
            } catch (TaskFailedException e) {
                failure = e.getMessage();
            }
            boolean stillUsable = pool.map(Identity.class, inputs.subList(0, 10)).equals(inputs.subList(0, 10));
            context.say("a failing task: %s; the pool still works afterwards: %s", failure, stillUsable);

            return new Observations()
                    .put("workers", workers, "worker JVMs in the pool")
                    .put("tasks", TASKS, "inputs mapped: range(1024)")
                    .put("chunksize", pool.defaultChunksize(TASKS), "inputs per chunk, Python's default")
                    .put("results_in_order", inOrder, "map returned f(0) .. f(1023) in input order")
                    .put("per_task_us", perTask.median(), "median microseconds per task, warm pool")
                    .put("worker_start_ms", startup.median(), "median ms from launching a worker JVM to its ready frame")
                    .put("cpython_per_task_us", cpython, "CPython's Pool(2).map per task, same run (NaN: no python3 on PATH)")
                    .put("vs_cpython", perTask.median() / cpython, "per_task_us / cpython_per_task_us")
                    .put("failure_reported", failure.contains("input 500") && failure.contains("IllegalStateException"),
                            "the failing input and its exception reached the caller")
                    .put("usable_after_failure", stillUsable, "the pool mapped again after the failure")
                    .conclude(String.format("map(f, range(1024)) on %d worker JVMs: in order %s, %.2f us per task, workers ready in %.0f ms",
                            workers, inOrder, perTask.median(), startup.median()));
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run process-pool
 *
 * What you should see (this machine, 2 cores, JDK 25, --quick):
 *     workers               2
 *     tasks                 1024
 *     chunksize             128
 *     results_in_order      true
 *     per_task_us           0.65
 *     worker_start_ms       85.3
 *     failure_reported      true
 *     usable_after_failure  true
 */
