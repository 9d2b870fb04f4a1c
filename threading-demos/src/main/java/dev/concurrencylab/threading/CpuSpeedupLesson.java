package dev.concurrencylab.threading;

import dev.concurrencylab.core.child.ChildWorkers;
import dev.concurrencylab.core.gil.Gil;
import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.measure.Repeats;
import dev.concurrencylab.core.work.CpuWork;
import dev.concurrencylab.core.work.MemoryWork;
import dev.concurrencylab.threading.support.SquareCube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/*
 * Lesson cpu-speedup: where Java and Python part ways.
 *
 * Mirrors notebooks 002, 003 and 000. Their CPU-bound examples: a countdown split over two
 * threads (003: slower than one thread), squares and cubes computed after a busy loop instead of
 * a sleep (002: two threads 2.03 s against 1.93 s for one; two processes 1.10 s), and four
 * threads or processes each filling an array of 10^8 random numbers (000).
 *
 * In CPython, threads cannot help here: the GIL lets one run at a time, so only processes scale.
 * In Java, threads scale like processes, because the JVM has no GIL. To see both worlds side by
 * side, every workload runs four ways, in interleaved rounds:
 *
 *     one thread       all the work, one task after another (the baseline)
 *     N threads        one task per thread, N = the cores the JVM may use (at least 2)
 *     N GIL threads    the same threads under core's simulated GIL: the Python result
 *     N child JVMs     one task per child JVM, released together once all are ready
 *
 * Next to every speedup stands the parallelism, the workers' CPU time divided by wall time: how
 * many cores really worked at once. A speedup without it can mislead (a machine that is busy
 * elsewhere slows everything); parallelism says what the machine gave.
 */
@LessonCard(id = "cpu-speedup", place = "1.3", notebooks = {"002", "003", "000"},
        title = "CPU-bound work: threads scale in Java, not under a GIL; child JVMs scale too",
        keys = {"available_processors", "workers", "threads_speedup", "gil_threads_speedup", "processes_speedup",
        "threads_parallelism", "gil_parallelism", "free_cores", "machine_busy"})
public final class CpuSpeedupLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new CpuSpeedupLesson(), args);
    }

    /** The lock of NumPy's one global generator, which np.random.rand's fills take in turn. */
    private static final Object NUMPY_GLOBAL_GENERATOR = new Object();

    /** One task's body, runnable under any interpreter. */
    @FunctionalInterface
    interface TaskBody {
        Object run(Interpreter interpreter) throws Exception;
    }

    /** A workload: its tasks, and the same tasks as WorkChild arguments. */
    record Workload(String key, String description, List<TaskBody> tasks, List<List<String>> childArguments) {}

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("gil_threads_ran_together", "threads under the GIL model ran at once (parallelism above 1.2)",
                        seen -> seen.number("gil_parallelism") > 1.2),
                Outcome.needsFreeCores("threads_scale", "Java threads beat one thread by at least 1.3x on the countdown",
                        seen -> seen.number("threads_speedup") >= 1.3,
                        seen -> String.format("threads reached %.2fx (parallelism %.2f) with the cores free: something else held them back",
                                seen.number("threads_speedup"), seen.number("threads_parallelism"))),
                Outcome.needsFreeCores("processes_scale", "child JVMs beat one thread by at least 1.3x on the countdown",
                        seen -> seen.number("processes_speedup") >= 1.3,
                        seen -> String.format("child JVMs reached %.2fx (parallelism %.2f) with the cores free",
                                seen.number("processes_speedup"), seen.number("processes_parallelism"))),
                Outcome.interesting("gil_threads_do_not_scale", "threads under the GIL model gain nothing (below 1.2x)",
                        seen -> seen.number("gil_threads_speedup") < 1.2,
                        seen -> String.format("GIL threads reached %.2fx: timing noise, since their parallelism was %.2f",
                                seen.number("gil_threads_speedup"), seen.number("gil_parallelism"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        int workers = Math.max(2, processors);
        int rounds = context.size(3, 5); // a median of three at least: one slow round of two pulls the median half-way
        Observations seen = new Observations()
                .put("available_processors", processors, "cores the JVM may use (Python: os.cpu_count())")
                .put("workers", workers, "threads or child JVMs per parallel variant");

        /* The notebook 003 countdown, split into one share per worker. */
        long steps = CpuWork.stepsFor(Duration.ofMillis(context.size(500, 2000)));
        List<TaskBody> countdownShares = new ArrayList<>();
        List<List<String>> countdownChildren = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            countdownShares.add(interpreter -> CpuWork.countdown(steps / workers, interpreter));
            countdownChildren.add(List.of("countdown", Long.toString(steps / workers)));
        }
        Load.Watched<Repeats.Results> watched = Load.duringRounds(Load.neededFor(workers, processors), () -> measure(context, rounds,
                new Workload("countdown", String.format("countdown of %,d steps", steps), countdownShares, countdownChildren)));
        Repeats.Results countdown = watched.result();
        Load load = watched.load();
        context.sayLoad(load, String.format("a speedup of %d workers over one", workers));

        seen.put("threads_speedup", countdown.speedup("one-thread", "threads"), "countdown: 1 thread's time / N threads' time")
                .put("gil_threads_speedup", countdown.speedup("one-thread", "gil-threads"),
                        "countdown: 1 thread's time / N threads' time under the simulated GIL")
                .put("processes_speedup", countdown.speedup("one-thread", "processes"),
                        "countdown: 1 thread's time / N child JVMs' time (after all were ready)")
                .put("threads_parallelism", countdown.parallelism("threads").median(), "countdown: CPU / wall of the N threads")
                .put("gil_parallelism", countdown.parallelism("gil-threads").median(),
                        "countdown: CPU / wall of the N threads under the GIL")
                .put("processes_parallelism", countdown.parallelism("processes").median(),
                        "countdown: CPU / wall of the N child JVMs")
                .load(load);

        /* Notebook 002 without the sleep: squares and cubes after busy work, one task each. */
        int[] numbers = {2, 4, 8, 9};
        long perNumber = CpuWork.stepsFor(Duration.ofMillis(context.size(30, 250)));
        Repeats.Results squareCube = measure(context, rounds, new Workload("square/cube",
                "squares and cubes of [2, 4, 8, 9], busy work before each number",
                List.of(interpreter -> SquareCube.withBusyWork(numbers, 2, perNumber, interpreter),
                        interpreter -> SquareCube.withBusyWork(numbers, 3, perNumber, interpreter)),
                List.of(List.of("powers", "2", Long.toString(perNumber), "2", "4", "8", "9"),
                        List.of("powers", "3", Long.toString(perNumber), "2", "4", "8", "9"))));
        seen.put("square_cube_threads_speedup", squareCube.speedup("one-thread", "threads"), "square/cube on 2 threads")
                .put("square_cube_gil_threads_speedup", squareCube.speedup("one-thread", "gil-threads"),
                        "square/cube on 2 threads under the GIL (notebook 002 in CPython: 0.95)")
                .put("square_cube_processes_speedup", squareCube.speedup("one-thread", "processes"),
                        "square/cube in 2 child JVMs (notebook 002 in CPython: 1.76)");

        /*
         * Notebook 000: every worker fills its own array of random doubles (np.random.rand). This
         * one is limited by memory more than by arithmetic: two cores share one memory bus, so
         * even free threads gain less. And a child JVM starts with no memory of its own: the OS
         * must hand it every page of its array, zeroed, on first touch, while threads reuse the
         * pages the parent's heap already has. Python's processes pay the same.
         *
         * What holds CPython's threads back here is not the GIL: NumPy releases it while it fills.
         * It is the one global generator behind np.random.rand, whose lock each fill holds from
         * start to end. So the "GIL threads" of this workload model exactly that: the GIL let go,
         * one shared generator lock taken (checked against CPython 3.11 with NumPy 2.4 on the
         * development machine: parallelism 1.00 with np.random.rand, well above 1 with one
         * np.random.default_rng() per thread). Java's threads each own a generator.
         */
        int length = context.size(8_000_000, 20_000_000);
        List<TaskBody> fills = new ArrayList<>();
        List<List<String>> fillChildren = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            long seed = i + 1;
            fills.add(interpreter -> interpreter == Interpreter.FREE_THREADED
                    ? MemoryWork.randomArraySum(length, seed, interpreter)
                    : MemoryWork.randomArraySumFromSharedGenerator(length, seed, interpreter, NUMPY_GLOBAL_GENERATOR));
            fillChildren.add(List.of("random-fill", Integer.toString(length), Long.toString(seed)));
        }
        Repeats.Results fill = measure(context, rounds, new Workload("random fill",
                String.format("%d arrays of %,d random doubles", workers, length), fills, fillChildren));
        seen.put("random_fill_threads_speedup", fill.speedup("one-thread", "threads"), "random-array fill on N threads")
                .put("random_fill_gil_threads_speedup", fill.speedup("one-thread", "gil-threads"),
                        "random-array fill on N threads as CPython runs np.random.rand: GIL released, one generator's lock held")
                .put("random_fill_processes_speedup", fill.speedup("one-thread", "processes"),
                        "random-array fill in N child JVMs")
                .put("random_fill_threads_parallelism", fill.parallelism("threads").median(),
                        "random-array fill: CPU / wall of the N threads");

        return seen.conclude(load.busyPrefix() + String.format(
                "countdown on %d workers: threads %.2fx (parallelism %.2f), GIL threads %.2fx (%.2f), child JVMs %.2fx (%.2f)",
                workers, seen.number("threads_speedup"), seen.number("threads_parallelism"),
                seen.number("gil_threads_speedup"), seen.number("gil_parallelism"),
                seen.number("processes_speedup"), seen.number("processes_parallelism")));
    }

    /** Runs the four variants of a workload in interleaved rounds and checks they computed the same. */
    private static Repeats.Results measure(LessonContext context, int rounds, Workload workload) throws Exception {
        List<TaskBody> tasks = workload.tasks();
        Set<String> answers = Collections.synchronizedSet(new HashSet<>());
        Callable<Measurement> oneThread = () -> {
            ParallelRun.Result<List<Object>> run = ParallelRun.onPlatformThreads(List.of(() -> {
                List<Object> values = new ArrayList<>();
                for (TaskBody task : tasks) {
                    values.add(task.run(Interpreter.FREE_THREADED));
                }
                return values;
            }));
            answers.add(run.values().getFirst().toString());
            return run.measurement();
        };
        // A discarded first run, so that no variant is timed while the JIT is still compiling.
        context.phase(workload.key() + ": warm-up", oneThread);
        // Each variant's run is a phase of its own: a timeline shows them side by side, round after round.
        Repeats.Results results = new Repeats()
                .variant("one-thread", () -> context.phase(workload.key() + ": one thread", oneThread))
                .variant("threads", () -> context.phase(workload.key() + ": threads",
                        () -> onThreads(tasks, Interpreter.FREE_THREADED, answers)))
                .variant("gil-threads", () -> context.phase(workload.key() + ": threads under the GIL model",
                        () -> onThreads(tasks, new Gil(), answers)))
                .variant("processes", () -> context.phase(workload.key() + ": child JVMs", () -> {
                    ChildWorkers.Result run = ChildWorkers.run(workload.childArguments());
                    answers.add(run.checksums().toString());
                    return run.measurement();
                }))
                .run(rounds);
        if (answers.size() != 1) {
            throw new IllegalStateException(workload.key() + ": the variants computed different results: " + answers);
        }
        context.say("%s (%s), %d rounds:", workload.key(), workload.description(), rounds);
        for (String variant : List.of("one-thread", "threads", "gil-threads", "processes")) {
            context.say("  %-12s %s s, speedup %.2f, parallelism %.2f", variant, results.wall(variant),
                    results.speedup("one-thread", variant), results.parallelism(variant).median());
        }
        return results;
    }

    private static Measurement onThreads(List<TaskBody> tasks, Interpreter interpreter, Set<String> answers)
            throws Exception {
        List<Callable<Object>> calls = new ArrayList<>();
        for (TaskBody task : tasks) {
            calls.add(() -> interpreter.run(() -> task.run(interpreter)));
        }
        ParallelRun.Result<Object> run = ParallelRun.onPlatformThreads(calls);
        answers.add(run.values().toString());
        return run.measurement();
    }
}

/*
 * Run it:
 *     ./concurrency-lab run cpu-speedup          (--quick: less work, 3 rounds instead of 5)
 *
 * What you should see: Java threads and child JVMs close to N x on N free cores, with parallelism
 * near N; under the simulated GIL the same threads near 1x with parallelism near 1, which is
 * notebook 002's and 003's CPython result. The random-array fill gains less from threads, because
 * memory bandwidth limits it; in child JVMs it can even lose, because each child first gets its
 * array's pages from the OS; its "GIL threads" take turns on the shared generator. When other
 * processes leave too few cores free, the lesson says so before the figures and in its table
 * (machine_busy). The module README has a run from the development machine.
 */
