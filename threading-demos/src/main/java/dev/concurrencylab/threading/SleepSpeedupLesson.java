package dev.concurrencylab.threading;

import dev.concurrencylab.core.child.ChildWorkers;
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
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.core.work.SleepWork;
import dev.concurrencylab.threading.support.SquareCube;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/*
 * Lesson sleep-speedup: waiting is the easy case.
 *
 * Mirrors notebooks 000, 002 and 001. Notebook 000 asks how long four calls of do_nothing(), each
 * a time.sleep(5), take one after another (20 s), on four threads (5 s) and on four processes
 * (5 s and a little). Notebook 002 computes squares and cubes with a 0.2 s sleep per number: 1.6 s
 * in one thread, 0.8 s in two. Notebook 001 starts one sleeping worker per CPU.
 *
 * Sleep stands for I/O: the thread asks the OS to wake it later and uses no CPU meanwhile. So any
 * way of waiting side by side works, whatever the number of cores: platform threads, virtual
 * threads, or child JVMs. The differences are in what each costs to start. A child JVM costs a
 * JVM start-up, reported here on its own line. What Python's Process.start() costs depends on the
 * start method (the start-methods lesson has the details): under fork, Linux's default up to
 * 3.13, the child is a copy of the running interpreter and starts in a few milliseconds; only
 * spawn (the default on macOS and Windows) starts a fresh interpreter, and pays for it as a child
 * JVM pays for its start-up; forkserver, Linux's default from 3.14, forks each child from a server
 * process and lies in between.
 */
@LessonCard(id = "sleep-speedup", place = "1.2", notebooks = {"000", "002", "001"},
        title = "Sleep-bound work: sequential, threads, virtual threads, child JVMs",
        keys = {"sequential_s", "threads_s", "virtual_threads_s", "processes_s", "threads_speedup",
        "processes_speedup", "free_cores", "machine_busy"},
        parameters = @LessonCard.Param(name = "tasks", meaning = "sleep-bound tasks, run one after another, then each "
                + "on a thread, a virtual thread and a child JVM of its own (notebook 000 has four)",
                unit = "count", full = 4, quick = 4, min = 1, max = 8))
public final class SleepSpeedupLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new SleepSpeedupLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("faster_than_a_sleep", "a parallel variant finished before one sleep could have ended",
                        seen -> Math.min(seen.number("threads_s"), Math.min(seen.number("virtual_threads_s"),
                                seen.number("processes_s"))) < seen.number("sleep_s")),
                Outcome.forbidden("sequential_faster_than_its_sleeps", "one thread finished its sleeps in less than their sum",
                        seen -> seen.number("sequential_s") < seen.number("tasks") * seen.number("sleep_s")),
                Outcome.forbidden("threads_computed_otherwise", "two threads computed other squares or cubes than one thread",
                        seen -> !seen.flag("square_cube_same_results")),
                Outcome.needsFreeCores("threads_overlap", "sleeping threads overlap: faster than one after another by at least "
                                + "three quarters of the task count (3x for four tasks)",
                        seen -> Math.min(seen.number("threads_speedup"), seen.number("virtual_threads_speedup"))
                                >= OVERLAP_SHARE * seen.number("tasks"),
                        seen -> String.format("threads reached %.2fx and virtual threads %.2fx: the machine was slow to wake them",
                                seen.number("threads_speedup"), seen.number("virtual_threads_speedup"))),
                Outcome.hiddenByLoad("processes_overlap", "child JVMs overlap too, start-up included: faster than one after another",
                        seen -> seen.number("processes_speedup") > 1,
                        seen -> String.format("starting the JVMs took %.2f s, more than the sleeps saved", seen.number("process_startup_s"))));
    }

    /**
     * The share of the task count a sleeping thread's speedup must reach: the rest is the time to
     * start the threads and to wake them, which a quiet machine keeps well under a quarter.
     */
    static final double OVERLAP_SHARE = 0.75;

    @Override
    public Observations run(LessonContext context) throws Exception {
        int tasks = context.count("tasks");
        Duration nap = Duration.ofMillis(context.size(200, 2000));
        int rounds = 3;
        context.say("%d tasks, each sleeping %d ms; %d interleaved rounds", tasks, nap.toMillis(), rounds);

        /*
         * The naive version runs the tasks one after another: tasks × nap. Then the same tasks on
         * as many platform threads, virtual threads, and child JVMs.
         */
        List<Duration> startups = Collections.synchronizedList(new ArrayList<>());
        // The child JVMs' start-up needs a core; sleeping itself needs none.
        Load.Watched<Repeats.Results> watched = Load.duringRounds(1.0, () -> new Repeats()
                .variant("sequential", () -> sleeping(1, tasks, nap, Thread.ofPlatform().factory()))
                .variant("threads", () -> sleeping(tasks, 1, nap, Thread.ofPlatform().factory()))
                .variant("virtual-threads", () -> sleeping(tasks, 1, nap, Thread.ofVirtual().factory()))
                .variant("processes", () -> {
                    ChildWorkers.Result run = ChildWorkers.run(
                            Collections.nCopies(tasks, List.of("sleep", Long.toString(nap.toMillis()))));
                    startups.add(run.startup());
                    return new Measurement(run.total(), run.measurement().cpu());
                })
                .run(rounds));
        Repeats.Results results = watched.result();
        Load load = watched.load();

        Summary startup = Summary.of(startups.stream().map(d -> d.toNanos() / 1e9).toList());
        for (String variant : List.of("sequential", "threads", "virtual-threads", "processes")) {
            context.say("%-16s %s s", variant, results.wall(variant));
        }
        context.say("of which starting %d child JVMs until each said ready: %s s", tasks, startup);

        Observations seen = new Observations()
                .put("tasks", tasks, "sleep-bound tasks")
                .put("sleep_s", nap.toNanos() / 1e9, "how long each task sleeps")
                .put("sequential_s", results.wall("sequential").median(), "one after another (median)")
                .put("threads_s", results.wall("threads").median(), "one platform thread per task")
                .put("virtual_threads_s", results.wall("virtual-threads").median(), "one virtual thread per task")
                .put("processes_s", results.wall("processes").median(),
                        "one child JVM per task, from launch to the last answer")
                .put("process_startup_s", startup.median(), "of processes_s: launching the JVMs until all said ready")
                .put("threads_speedup", results.speedup("sequential", "threads"), "sequential_s / threads_s")
                .put("virtual_threads_speedup", results.speedup("sequential", "virtual-threads"),
                        "sequential_s / virtual_threads_s")
                .put("processes_speedup", results.speedup("sequential", "processes"),
                        "sequential_s / processes_s (JVM start-up included, as in Python)")
                .load(load);
        context.sayLoad(load, "child JVMs starting side by side (their start-up needs a core)");

        /*
         * Notebook 002's version: squares and cubes of [2, 4, 8, 9], each number preceded by a
         * sleep. Two threads (one for squares, one for cubes) halve the time, and the results are
         * the same as in one thread: threads change when work happens, not what it computes.
         */
        int[] numbers = {2, 4, 8, 9};
        Duration perNumber = Duration.ofMillis(context.size(50, 200));
        Stopwatch oneThread = Stopwatch.start();
        List<Long> squares = SquareCube.withSleep(numbers, 2, perNumber);
        List<Long> cubes = SquareCube.withSleep(numbers, 3, perNumber);
        oneThread.close();
        ParallelRun.Result<List<Long>> twoThreads = ParallelRun.onPlatformThreads(List.of(
                () -> SquareCube.withSleep(numbers, 2, perNumber),
                () -> SquareCube.withSleep(numbers, 3, perNumber)));
        context.say("square/cube with %d ms sleeps: one thread %.3f s, two threads %.3f s; squares %s, cubes %s",
                perNumber.toMillis(), oneThread.seconds(), twoThreads.measurement().wallSeconds(), squares, cubes);
        seen.put("square_cube_one_thread_s", oneThread.seconds(), "notebook 002: squares then cubes, one thread")
                .put("square_cube_two_threads_s", twoThreads.measurement().wallSeconds(),
                        "squares and cubes on two threads")
                .put("square_cube_same_results", twoThreads.values().equals(List.of(squares, cubes)),
                        "the two threads computed exactly what the one thread did");

        return seen.conclude(load.busyPrefix() + String.format(
                "%d sleeps of %.1f s: sequential %.2f s, threads %.2f s, virtual threads %.2f s, child JVMs %.2f s",
                tasks, nap.toNanos() / 1e9, seen.number("sequential_s"), seen.number("threads_s"),
                seen.number("virtual_threads_s"), seen.number("processes_s")));
    }

    /** {@code threads} threads from {@code factory}, each sleeping {@code sleepsEach} times. */
    private static Measurement sleeping(int threads, int sleepsEach, Duration nap, ThreadFactory factory) throws Exception {
        return ParallelRun.run(SleepWork.sleepers(threads, sleepsEach, nap, Interpreter.FREE_THREADED), factory).measurement();
    }
}

/*
 * Run it:
 *     ./concurrency-lab run sleep-speedup          (--quick: 0.2 s sleeps instead of 2 s)
 *     ./concurrency-lab run sleep-speedup -p tasks=8    (eight tasks instead of the notebook's four)
 *
 * What a run shows: the block `<!-- observed sleep-speedup -->` in this module's README.md, which
 * `./concurrency-lab observed sleep-speedup` rewrites from a real run on the reader's machine.
 *
 * Every way of waiting side by side comes close to the number of tasks, whatever the cores:
 * sleeping needs none. The child JVMs pay their start-up (process_startup_s) on top, as Python's
 * processes pay theirs.
 */
