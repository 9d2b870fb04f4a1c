package dev.concurrencylab.threading;

import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.gil.Gil;
import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Parameter;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.measure.Repeats;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.core.work.CpuWork;
import dev.concurrencylab.core.work.SleepWork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/*
 * Lesson gil: the Global Interpreter Lock, rebuilt inside the JVM so that you can watch it work.
 *
 * Mirrors notebooks 000, 001 and 003. In CPython only the thread holding the GIL runs Python
 * code. Notebook 003 counts down from 50 000 000 in one thread, then splits the count over two
 * threads, and the two threads are *slower*. Notebook 002 shows the other half of the story:
 * threads that sleep (or wait on I/O) still overlap, because a blocking call lets go of the GIL.
 *
 * The JVM has no GIL. To show what one does, core's Gil follows CPython's own design
 * (Python/ceval_gil.c, from 3.2 on): one lock; a waiting thread that has waited one switch
 * interval (5 ms by default, sys.setswitchinterval) raises a drop request; the running thread
 * notices it at its next check (our tick(); in CPython the "eval breaker", which 3.10 and later
 * look at on loop back-edges and calls, 3.9 and earlier between almost any two bytecodes), lets
 * go, and waits until another thread has taken it. The same countdown then runs twice, under the
 * simulated GIL and on the plain JVM, in interleaved rounds.
 *
 * There are two other ways out of the GIL in today's CPython. The free-threaded build (PEP 703:
 * experimental as python3.13t, officially supported from 3.14 by PEP 779) runs without the GIL, so
 * its threads can run Python code on several cores at once; it pays for that with slower
 * single-threaded code, and an extension module that is not marked safe for it turns the GIL
 * back on when it is imported. And subinterpreters (PEP 734, concurrent.interpreters in 3.14)
 * give each interpreter its own GIL within one process, sharing no Python objects. The ordinary
 * build, which most people run, still has one GIL; that is the one modelled here.
 */
@LessonCard(id = "gil", place = "1.4", notebooks = {"000", "001", "003"},
        title = "The GIL: one lock, a switch interval, and why CPU-bound threads take turns",
        keys = {"switch_interval_ms", "handoffs", "cpu_speedup_under_gil", "io_speedup_under_gil", "free_cores",
        "machine_busy"},
        parameters = {
                @LessonCard.Param(name = "switch_interval_ms", meaning = "how long a waiting thread waits before it asks the "
                        + "holder to drop the GIL (sys.setswitchinterval, in ms) in the threads' countdown", unit = "ms",
                        full = 5, quick = 5, min = 0.5, max = 50),
                @LessonCard.Param(name = "threads", meaning = "threads sharing the countdown, under the GIL and without it "
                        + "(notebook 003 splits it over two)", unit = "count", full = 2, quick = 2, min = 2, max = 16)})
public final class GilLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new GilLesson(), args);
    }

    static final int IO_TASKS = 4;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("gil_threads_ran_together", "threads ran under the GIL at once (parallelism above 1.2)",
                        seen -> seen.number("gil_parallelism") > 1.2),
                Outcome.forbidden("gil_never_changed_hands", "CPU-bound threads shared the GIL without a single handoff",
                        seen -> seen.number("handoffs") == 0),
                Outcome.forbidden("shorter_interval_fewer_handoffs", "a 1 ms switch interval gave no more handoffs per second than 20 ms",
                        seen -> seen.number("handoffs_per_s_at_1ms") <= seen.number("handoffs_per_s_at_20ms")),
                Outcome.interesting("no_gain_under_gil", "more threads under the GIL gain nothing (below 1.2x)",
                        seen -> seen.number("cpu_speedup_under_gil") < 1.2,
                        seen -> String.format("%.2fx under the GIL: timing noise, since the parallelism was %.2f",
                                seen.number("cpu_speedup_under_gil"), seen.number("gil_parallelism"))),
                Outcome.needsFreeCores("jvm_threads_scale", "without the GIL the threads beat one by at least 1.3x",
                        seen -> seen.number("cpu_speedup_without_gil") >= 1.3,
                        seen -> String.format("%.2fx (parallelism %.2f) with the cores free",
                                seen.number("cpu_speedup_without_gil"), seen.number("parallelism_without_gil"))),
                Outcome.interesting("sleepers_overlap_under_gil", "sleeping threads overlap under the GIL: at least 2.5x",
                        seen -> seen.number("io_speedup_under_gil") >= 2.5,
                        seen -> String.format("%.2fx: the machine was slow to wake the sleepers", seen.number("io_speedup_under_gil"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        int rounds = context.size(3, 5);
        Duration work = Duration.ofMillis(context.size(300, 1500));
        long steps = CpuWork.stepsFor(work);
        int threads = context.count("threads");
        Duration interval = Duration.ofNanos(Math.round(context.parameter("switch_interval_ms") * 1e6));
        context.say("countdown of %,d steps (sized to take %d ms on one thread when this JVM measured its speed), %d interleaved rounds",
                steps, work.toMillis(), rounds);

        /*
         * Part 1: CPU-bound work. The notebook's countdown(COUNT) on one thread, against
         * countdown(COUNT / 2) on each of two threads (or COUNT / N on N). Under the GIL the
         * threads hold the lock in turns, so together they do the same work as one thread in the
         * same time, or a little more. Parallelism (the workers' CPU time / wall time) shows why:
         * about 1, never 2.
         */
        List<Long> handoffsPerRun = Collections.synchronizedList(new ArrayList<>());
        Load.Watched<Repeats.Results> watched = Load.duringRounds(
                Load.neededFor(threads, Runtime.getRuntime().availableProcessors()), () -> new Repeats()
                        .variant("gil-1", () -> context.phase("GIL, 1 thread", () -> countdown(new Gil(), 1, steps, null)))
                        .variant("gil-n", () -> context.phase("GIL, " + threads + " threads: turns",
                                () -> countdown(new Gil(interval), threads, steps, handoffsPerRun)))
                        .variant("free-1", () -> context.phase("no GIL, 1 thread", () -> countdown(Interpreter.FREE_THREADED, 1, steps, null)))
                        .variant("free-n", () -> context.phase("no GIL, " + threads + " threads",
                                () -> countdown(Interpreter.FREE_THREADED, threads, steps, null)))
                        .run(rounds));
        Repeats.Results cpu = watched.result();
        Load load = watched.load();
        double gilSpeedup = cpu.speedup("gil-1", "gil-n");
        double freeSpeedup = cpu.speedup("free-1", "free-n");
        Summary gilParallelism = cpu.parallelism("gil-n");
        Summary freeParallelism = cpu.parallelism("free-n");
        long handoffs = Math.round(Summary.of(handoffsPerRun.stream().map(Long::doubleValue).toList()).median());
        context.say("under the GIL (switch interval %s ms): 1 thread %s s, %d threads %s s -> speedup %.2f, parallelism %s",
                Parameter.format(interval.toNanos() / 1e6), cpu.wall("gil-1"), threads, cpu.wall("gil-n"), gilSpeedup, gilParallelism);
        context.say("plain JVM:     1 thread %s s, %d threads %s s -> speedup %.2f, parallelism %s",
                cpu.wall("free-1"), threads, cpu.wall("free-n"), freeSpeedup, freeParallelism);
        context.sayLoad(load, "what " + threads + " threads do without a GIL");

        seen.put("available_processors", Runtime.getRuntime().availableProcessors(), "cores the JVM may use")
                .put("switch_interval_ms", interval.toNanos() / 1e6,
                        "how long a waiting thread waited before asking the holder to drop the GIL (CPython's default: 5)")
                .put("cpu_threads", threads, "threads sharing the countdown")
                .put("handoffs", handoffs, "times the GIL changed hands during one countdown of those threads (median)")
                .put("cpu_speedup_under_gil", gilSpeedup, "1 thread's time / the threads' time, under the GIL: about 1 or less")
                .put("gil_parallelism", gilParallelism.median(), "CPU time / wall time of the threads under the GIL: about 1")
                .put("cpu_speedup_without_gil", freeSpeedup, "the same on the plain JVM: up to the threads or the idle cores, whichever is fewer")
                .put("parallelism_without_gil", freeParallelism.median(), "CPU time / wall time of the JVM threads")
                .put("one_thread_s", cpu.wall("gil-1").median(), "the whole countdown on one thread under the GIL (median)")
                .load(load);

        /*
         * Part 2: sleep-bound work, standing for I/O (notebook 002's time.sleep(0.2)). Each sleep
         * releases the GIL, so four sleeping threads overlap even under the lock.
         */
        Duration nap = Duration.ofMillis(context.size(100, 500));
        Repeats.Results io = new Repeats()
                .variant("one-thread", () -> context.phase("sleeps under the GIL, one thread",
                        () -> ParallelRun.onPlatformThreads(SleepWork.sleepers(1, IO_TASKS, nap, new Gil())).measurement()))
                .variant("threads", () -> context.phase("sleeps under the GIL, a thread each: they release it",
                        () -> ParallelRun.onPlatformThreads(SleepWork.sleepers(IO_TASKS, 1, nap, new Gil())).measurement()))
                .run(rounds);
        double ioSpeedup = io.speedup("one-thread", "threads");
        context.say("%d sleeps of %d ms under the GIL: one thread %s s, %d threads %s s -> speedup %.2f",
                IO_TASKS, nap.toMillis(), io.wall("one-thread"), IO_TASKS, io.wall("threads"), ioSpeedup);
        seen.put("io_tasks", IO_TASKS, "sleep-bound tasks")
                .put("io_speedup_under_gil", ioSpeedup, "one thread doing all sleeps / one thread per sleep, under the GIL");

        /*
         * Part 3: the switch interval. A shorter interval means more handoffs (the threads look
         * more "simultaneous") but each handoff costs a wake-up; a longer one means fewer. It
         * never makes CPU-bound threads faster: only one runs at a time either way.
         */
        for (int millis : new int[] {1, 20}) {
            Gil gil = new Gil(Duration.ofMillis(millis));
            Measurement run = context.phase("switch interval " + millis + " ms", () -> countdown(gil, threads, steps, null));
            double perSecond = gil.handoffs() / run.wallSeconds();
            context.say("switch interval %2d ms: %4d handoffs (%.0f per second), %.3f s",
                    millis, gil.handoffs(), perSecond, run.wallSeconds());
            seen.put("handoffs_per_s_at_" + millis + "ms", perSecond,
                    "GIL handoffs per second with a " + millis + " ms switch interval");
        }

        /* The CPython a reader has: the facts that decide whether its threads have a GIL at all. */
        Optional<PythonFacts> python = PythonFacts.onPath();
        if (python.isPresent()) {
            PythonFacts facts = python.get();
            context.say("the python3 on PATH: %s; %s", facts.describe(), facts.gilEnabled()
                    ? "its CPU-bound threads take turns, as the model above does"
                    : "its threads can run Python code on several cores at once, as the JVM's do");
            seen.put("python_version", List.of(facts.version()), "the version of the python3 on PATH")
                    .put("python_gil_enabled", facts.gilEnabled(), "sys._is_gil_enabled() there (true where it does not exist)");
        } else {
            context.say("no python3 on PATH answered: the lesson cannot say what your CPython does");
        }
        seen.put("python_found", python.isPresent(), "a python3 on PATH answered the probe");

        return seen.conclude(load.busyPrefix() + String.format(
                "%d CPU-bound threads: %.2fx under the GIL (parallelism %.2f), %.2fx without (%.2f); "
                        + "%d sleeping threads under the GIL: %.2fx",
                threads, gilSpeedup, gilParallelism.median(), freeSpeedup, freeParallelism.median(), IO_TASKS, ioSpeedup));
    }

    /** {@code threads} threads share {@code steps} countdown steps, each thread running under the interpreter. */
    private static Measurement countdown(Interpreter interpreter, int threads, long steps, List<Long> handoffs)
            throws Exception {
        List<Callable<Long>> shares = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            shares.add(() -> interpreter.run(() -> CpuWork.countdown(steps / threads, interpreter)));
        }
        Measurement measurement = ParallelRun.onPlatformThreads(shares).measurement();
        if (handoffs != null && interpreter instanceof Gil gil) {
            handoffs.add(gil.handoffs());
        }
        return measurement;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run gil          (--quick: smaller work, 3 rounds instead of 5)
 *     ./concurrency-lab run gil -p threads=8 -p switch_interval_ms=1    (the knobs: more threads, a shorter interval)
 *
 * What a run shows: the block `<!-- observed gil -->` in this module's README.md, which
 * `./concurrency-lab observed gil` rewrites from a real run on the reader's machine.
 *
 * Real CPython beside the model, on the reader's machine and in the same rounds:
 *     ./concurrency-lab compare --python
 *
 * Under the GIL the second thread buys nothing for CPU-bound work (speedup about 1, parallelism
 * about 1), as notebook 003 found in CPython; the plain JVM's threads use the second core.
 * Sleeping threads overlap under the GIL all the same, because a sleep lets go of the lock.
 */
