package dev.concurrencylab.process;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.ScriptFile;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.StartupArchive;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.process.pool.AbstractPoolTask;
import dev.concurrencylab.process.pool.ProcessPool;
import dev.concurrencylab.process.pool.TaskFailedException;
import dev.concurrencylab.process.support.PoolYardsticks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * The same map on a thread pool of as many threads, with the same chunks, is timed in the same
 * rounds: a task crosses no pipe there, and the difference per task is what a process costs.
 *
 * The function must be findable by the worker: Python needs it importable, here it is a class
 * implementing PoolTask on the shared class path. A task that throws comes back as an exception
 * naming the input, with the worker's stack trace; the pool carries on.
 */
@LessonCard(id = "process-pool", place = "2.4", notebooks = "003",
        title = "Pool.map on worker JVMs: chunks, results in order, failures reported",
        keys = {"workers", "tasks", "results_in_order", "per_task_us", "thread_pool_chunked_per_task_us",
        "threads_vs_processes", "cpython_per_task_us", "vs_cpython", "one_item_map_us", "bare_round_trip_us", "one_item_vs_round_trip"},
        parameters = @LessonCard.Param(name = "chunksize", meaning = "inputs per chunk a worker gets at once; 0 for Python's "
                + "default, ceil(tasks / (4 x workers))", unit = "count", full = 0, quick = 0, min = 0, max = ProcessPoolLesson.TASKS))
public final class ProcessPoolLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ProcessPoolLesson(), args);
    }

    static final int TASKS = 1024;

    /** The timed maps when chunks are Python's size; smaller chunks cost more round trips each, so fewer maps. */
    private static int scaled(int maps, int chunksize, int defaultChunksize, int atLeast) {
        int roundTripsPerDefaultOne = Math.ceilDiv(Math.ceilDiv(TASKS, chunksize), Math.ceilDiv(TASKS, defaultChunksize));
        return Math.max(atLeast, maps / Math.max(1, roundTripsPerDefaultOne));
    }

    private static final Identity IDENTITY = new Identity();

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
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("results_out_of_order", "map's results did not come back in input order",
                        seen -> !seen.flag("results_in_order")),
                Outcome.forbidden("failure_swallowed", "a failing task was not reported with its cause",
                        seen -> !seen.flag("failure_reported")),
                Outcome.forbidden("pool_broken_by_failure", "the pool could not map again after a task failed",
                        seen -> !seen.flag("usable_after_failure")),
                Outcome.needsFreeCores("threads_cheaper_than_processes",
                        "a chunked map on a thread pool cost less per task than the same map on the process pool",
                        seen -> seen.number("threads_vs_processes") < 1,
                        seen -> String.format("the thread pool took %.2fx of the process pool's time per task in this run",
                                seen.number("threads_vs_processes"))),
                Outcome.interesting("half_of_cpython", "a task through the pool cost at most half of one through CPython's Pool(2).map",
                        seen -> seen.number("vs_cpython") <= 0.5,
                        seen -> Double.isNaN(seen.number("vs_cpython")) ? "no python3 on PATH to compare with"
                                : String.format("%.2fx of CPython's cost per task in this run", seen.number("vs_cpython"))),
                Outcome.interesting("one_item_map_near_a_round_trip", "a map of one item cost at most 1.2 bare round trips over a pipe",
                        seen -> seen.number("one_item_vs_round_trip") <= 1.2,
                        seen -> String.format("%.2f bare round trips in this run: the pool's reader thread hands each answer on, "
                                + "which a bare round trip does not", seen.number("one_item_vs_round_trip"))),
                Outcome.interesting("archive_speeds_worker_start", "a worker started as the pool starts it was ready in 0.7x of a plain JVM's time or less",
                        seen -> seen.number("worker_start_vs_plain") <= 0.7,
                        seen -> String.format("%.2fx of a plain JVM's start in this run", seen.number("worker_start_vs_plain"))),
                Outcome.forbidden("chunks_not_as_python_cuts_them", "without -p chunksize, the chunk size is not Python's ceil(tasks / (4 x workers))",
                        seen -> seen.flag("chunksize_default")
                                && seen.number("chunksize") != Math.ceil(seen.number("tasks") / (4 * seen.number("workers")))));
    }

    /** CPython's Pool(2).map per task, microseconds (median of {@code rounds}); NaN, with the reason said, if it fails. */
    static double cpythonPerTaskMicros(Path python, int rounds, int chunksize, LessonContext context) {
        try (ScriptFile script = ScriptFile.copy(ProcessPoolLesson.class, "pool_map_per_task.py")) {
            Executables.Outcome outcome = Executables.run(List.of(python.toString(), script.path().toString(), Integer.toString(rounds),
                    Integer.toString(chunksize)), Timeouts.seconds(120));
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
            int defaultChunksize = pool.defaultChunksize(TASKS);
            int chunksize = context.count("chunksize") == 0 ? defaultChunksize : context.count("chunksize");
            Summary startup = Summary.of(pool.startups().stream().map(d -> d.toNanos() / 1e6).toList());
            context.say("%d worker JVMs started, pids %s; launch to ready: median %.0f ms", workers, pool.pids(), startup.median());

            pool.run(Identity.class, inputs); // without results, for the side effects
            List<Integer> results = pool.map(Identity.class, inputs, chunksize);
            boolean mappedInOrder = results.equals(inputs);
            context.say("map(f, range(%d)) with chunksize %d%s: [%d, %d, %d, ..., %d], in order: %s", TASKS, chunksize,
                    chunksize == defaultChunksize ? " (Python's default)" : "", results.get(0), results.get(1), results.get(2), results.getLast(), mappedInOrder);

            /*
             * The cost per task on a warm pool: many maps discarded first, so that the JIT of this
             * JVM and of every worker has compiled the hot paths (the figure still falls after a
             * few hundred). Then rounds, each a block of timed maps here and the same map in
             * CPython, Pool(2).map on a warm pool: a neighbour that slows the machine for a while
             * slows one round of both, and the ratio is taken within each round.
             */
            int warmUp = scaled(context.size(300, 1500), chunksize, defaultChunksize, 50);
            for (int i = 0; i < warmUp; i++) {
                pool.map(Identity.class, inputs, chunksize);
            }
            int maps = scaled(context.size(100, 300), chunksize, defaultChunksize, 10);
            int comparisons = context.size(2, 3);
            Optional<PythonFacts> python = PythonFacts.onPath();
            List<Double> perTaskMicros = new ArrayList<>();
            List<Double> threadMicros = new ArrayList<>();
            List<Double> threadRatios = new ArrayList<>();
            List<Double> cpythonMicros = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            Load.Watched<Boolean> rounds;
            try (ExecutorService threads = Executors.newFixedThreadPool(workers)) {
                for (int i = 0; i < warmUp; i++) {
                    PoolYardsticks.mapOnThreads(threads, IDENTITY, inputs, chunksize);
                }
                rounds = Load.during(1.0, () -> {
                    boolean threadsInOrder = true;
                    for (int round = 0; round < comparisons; round++) {
                        // Blocks of process-pool maps and of thread-pool maps, taking turns at going first.
                        List<Double> block = new ArrayList<>();
                        List<Double> threadBlock = new ArrayList<>();
                        for (int turn = 0; turn < 2; turn++) {
                            boolean threadTurn = (turn + round) % 2 == 1;
                            List<Double> into = threadTurn ? threadBlock : block;
                            threadsInOrder &= context.phase(threadTurn ? "maps on a thread pool" : "maps on the process pool", () -> {
                                boolean inOrder = true;
                                for (int i = 0; i < maps; i++) {
                                    Stopwatch map = Stopwatch.start();
                                    if (threadTurn) {
                                        inOrder &= PoolYardsticks.mapOnThreads(threads, IDENTITY, inputs, chunksize).equals(inputs);
                                    } else {
                                        pool.map(Identity.class, inputs, chunksize);
                                    }
                                    into.add(map.seconds() / TASKS * 1e6);
                                }
                                return inOrder;
                            });
                        }
                        perTaskMicros.addAll(block);
                        threadMicros.addAll(threadBlock);
                        threadRatios.add(Summary.of(threadBlock).median() / Summary.of(block).median());
                        double cpython = python.isPresent() ? context.phase("CPython's Pool(2).map",
                                () -> cpythonPerTaskMicros(python.get().executable(), maps, chunksize, context)) : Double.NaN;
                        if (!Double.isNaN(cpython)) {
                            cpythonMicros.add(cpython);
                            ratios.add(Summary.of(block).median() / cpython);
                        }
                    }
                    return threadsInOrder;
                });
            }
            Summary perTask = Summary.of(perTaskMicros);
            Summary perTaskOnThreads = Summary.of(threadMicros);
            Summary threadsVsProcesses = Summary.of(threadRatios);
            context.say("per task: median %.3f us (%.3f–%.3f) over %d maps of %d, after %d discarded", perTask.median(), perTask.min(),
                    perTask.max(), perTaskMicros.size(), TASKS, warmUp);
            context.say("the same chunks on a pool of %d threads, in the same rounds: median %.3f us per task (%.3f–%.3f), "
                            + "%.2fx of the process pool's (the rounds: %.2fx to %.2fx): no pipe, no encoding",
                    workers, perTaskOnThreads.median(), perTaskOnThreads.min(), perTaskOnThreads.max(),
                    threadsVsProcesses.median(), threadsVsProcesses.min(), threadsVsProcesses.max());
            double cpython = cpythonMicros.isEmpty() ? Double.NaN : Summary.of(cpythonMicros).median();
            double vsCpython = ratios.isEmpty() ? Double.NaN : Summary.of(ratios).median();
            if (python.isPresent() && !ratios.isEmpty()) {
                Summary ratio = Summary.of(ratios);
                context.say("CPython %s, Pool(2).map(f, range(%d), chunksize=%d) on a warm pool, between the blocks: median %.3f us per task; "
                        + "this pool %.2fx of it (the rounds: %.2fx to %.2fx)", python.get().version(), TASKS, chunksize, cpython,
                        ratio.median(), ratio.min(), ratio.max());
            }

            /*
             * The floor under every map: one item to a worker and back, against a bare round trip
             * of a frame that size over a pipe to a child JVM that only echoes it. Blocks of each,
             * taking turns at going first, the ratio taken within each round.
             */
            PoolYardsticks.OneItem oneItems = context.phase("maps of one item against bare round trips",
                    () -> PoolYardsticks.oneItemAgainstARoundTrip(pool, Identity.class, 7, comparisons, context.size(300, 1000)));
            Summary oneItem = oneItems.map();
            Summary roundTrip = oneItems.roundTrip();
            Summary oneItemRatio = oneItems.ratio();
            context.say("a map of one item: median %.1f us (%.1f–%.1f); a bare round trip over a pipe to a child JVM: %.1f us (%.1f–%.1f); "
                            + "%.2f round trips (the rounds: %.2f to %.2f)", oneItem.median(), oneItem.min(), oneItem.max(),
                    roundTrip.median(), roundTrip.min(), roundTrip.max(), oneItemRatio.median(), oneItemRatio.min(), oneItemRatio.max());

            /*
             * A worker's start-up against a plain JVM of the same class path with no archive of
             * its classes, in alternation, after one untimed start of each (which writes the
             * worker's archive if it is missing).
             */
            int starts = context.size(3, 11);
            ProcessPool.timeWorkerStart(StartupArchive.Kind.NONE);
            ProcessPool.timeWorkerStart(StartupArchive.Kind.CDS);
            List<Double> plainStarts = new ArrayList<>();
            List<Double> archivedStarts = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                plainStarts.add(ProcessPool.timeWorkerStart(StartupArchive.Kind.NONE).toNanos() / 1e6);
                archivedStarts.add(ProcessPool.timeWorkerStart(StartupArchive.Kind.CDS).toNanos() / 1e6);
            }
            Summary plainStart = Summary.of(plainStarts);
            Summary archivedStart = Summary.of(archivedStarts);
            boolean archived = StartupArchive.exists(StartupArchive.Kind.CDS, "pool-worker");
            context.say("a worker, launch to ready, %d starts each in alternation: %.1f ms as the pool starts it (%s), "
                            + "%.1f ms as a plain JVM of the same class path: %.2fx", starts, archivedStart.median(),
                    archived ? "with its AppCDS archive"
                            : StartupArchive.classPathIsJarsOnly() ? "no archive could be written" : "no archive for a class path with directories", plainStart.median(),
                    archivedStart.median() / plainStart.median());

            String failure;
            try {
                pool.map(FailOn500.class, inputs);
                failure = "none";
            } catch (TaskFailedException e) {
                failure = e.getMessage();
            }
            boolean stillUsable = pool.map(Identity.class, inputs.subList(0, 10)).equals(inputs.subList(0, 10));
            context.say("a failing task: %s; the pool still works afterwards: %s", failure, stillUsable);

            boolean inOrder = mappedInOrder && rounds.result();
            return new Observations()
                    .put("workers", workers, "worker JVMs in the pool")
                    .put("tasks", TASKS, "inputs mapped: range(1024)")
                    .put("chunksize", chunksize, "inputs per chunk")
                    .put("chunksize_default", context.count("chunksize") == 0, "no -p chunksize: the pool cut the chunks itself, as Python does")
                    .put("results_in_order", inOrder, "map returned f(0) .. f(1023) in input order, on the processes and on the threads")
                    .put("per_task_us", perTask.median(), "median microseconds per task, warm pool")
                    .put("thread_pool_chunked_per_task_us", perTaskOnThreads.median(),
                            "the same map in the same chunks on a pool of as many threads, same rounds (median)")
                    .put("threads_vs_processes", threadsVsProcesses.median(),
                            "thread_pool_chunked_per_task_us / per_task_us, median of the rounds' ratios")
                    .put("worker_start_ms", startup.median(), "median ms from launching a worker JVM to its ready frame")
                    .put("worker_start_archived_ms", archivedStart.median(), "median ms from launch to ready of a worker as the pool starts it, timed in alternation")
                    .put("worker_start_plain_ms", plainStart.median(), "the same worker as a plain JVM of the same class path, no archive")
                    .put("worker_start_vs_plain", archivedStart.median() / plainStart.median(), "worker_start_archived_ms / worker_start_plain_ms")
                    .put("cpython_per_task_us", cpython, "CPython's Pool(2).map per task, same run, median of the rounds (NaN: no python3 on PATH)")
                    .put("vs_cpython", vsCpython, "this pool's cost per task over CPython's, median of the rounds' ratios")
                    .put("one_item_map_us", oneItem.median(), "a map of one item, median of the rounds")
                    .put("bare_round_trip_us", roundTrip.median(), "a " + PoolYardsticks.ONE_ITEM_FRAME_BYTES
                            + "-byte frame to a child JVM over a pipe and back, median of the rounds")
                    .put("one_item_vs_round_trip", oneItemRatio.median(), "one_item_map_us / bare_round_trip_us, median of the rounds' ratios")
                    .put("failure_reported", failure.contains("input 500") && failure.contains("IllegalStateException"),
                            "the failing input and its exception reached the caller")
                    .put("usable_after_failure", stillUsable, "the pool mapped again after the failure")
                    .load(rounds.load())
                    .conclude(String.format("map(f, range(1024)) on %d worker JVMs: in order %s, %.2f us per task (%.3f us on %d threads), "
                                    + "workers ready in %.0f ms", workers, inOrder, perTask.median(), perTaskOnThreads.median(), workers,
                            startup.median()));
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run process-pool
 *
 * What a run shows: the block `<!-- observed process-pool -->` in this module's README.md, which
 * `./concurrency-lab observed process-pool` rewrites from a real run on the reader's machine.
 * The pool keeps two chunks in each worker's pipe, and a reader thread per worker takes the answers:
 * a one-item map costs a bare round trip plus that thread's hand-off to the caller, which the run
 * measures (one_item_vs_round_trip) and so does PoolBenchmarks.
 */
