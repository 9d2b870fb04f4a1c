package dev.concurrencylab.lab.compare;

import dev.concurrencylab.cluster.ClusterWorkers;
import dev.concurrencylab.core.child.ChildWorkers;
import dev.concurrencylab.core.gil.Gil;
import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.measure.CpuContention;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.work.CpuWork;
import dev.concurrencylab.core.work.SleepWork;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadFactory;

/**
 * The measurements behind {@code concurrency-lab compare}: each workload split among 1, 2, 4 ...
 * workers, run by each contender, in interleaved rounds (every point once per round), so that a
 * slow minute on a shared machine spreads over all contenders instead of spoiling one.
 *
 * <p>Every countdown answer is checked against the platform threads' answer for the same split:
 * a contender that skipped work would be caught, not timed.
 */
public final class Comparison {

    /** The Java contenders that always run; cluster members join them only when asked. */
    private static final List<Contender> JAVA = Contender.JAVA.stream().filter(c -> c != Contender.CLUSTER_MEMBERS).toList();

    private final Settings settings;
    private final Progress progress;
    private final List<PythonInterpreter> pythons;
    private final boolean withCluster;
    private ClusterWorkers cluster; // while run() runs, with --cluster

    /**
     * @param pythons     the CPython interpreters to run beside Java, each in every round; none for Java only
     * @param withCluster whether Hazelcast cluster members (one per worker of the largest count) run too
     */
    public Comparison(Settings settings, Progress progress, List<PythonInterpreter> pythons, boolean withCluster) {
        this.settings = settings;
        this.progress = progress;
        this.pythons = List.copyOf(pythons);
        this.withCluster = withCluster;
    }

    /** The python3 (python on Windows) on PATH, if any. */
    public static Optional<Path> pythonOnPath() {
        return PythonSide.findOnPath();
    }

    /** How many steps {@link #run} reports to its {@link Progress}. */
    public static int steps(Settings settings, int pythons, boolean withCluster) {
        return settings.rounds() * (Workload.values().length * settings.workerCounts().size() * (JAVA.size() + (withCluster ? 1 : 0))
                + pythons);
    }

    public Results run() throws Exception {
        Results results = new Results(settings, Machine.current());
        long steps = CpuWork.stepsFor(settings.cpuWork());
        Map<Integer, List<Object>> answers = new HashMap<>();
        // Untimed: the JIT compiles the countdown, plain and under the GIL, before either is timed.
        measure(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 1, steps, answers);
        measure(Workload.CPU_BOUND, Contender.GIL_THREADS, 1, steps, answers);

        List<PythonSide> cpythons = new ArrayList<>();
        List<Contender> contenders = new ArrayList<>(JAVA);
        try {
            if (withCluster) {
                int members = settings.workerCounts().getLast();
                progress.say("starting " + members + " Hazelcast members (a JVM each, seconds apiece)...");
                cluster = ClusterWorkers.start(members);
                contenders.add(Contender.CLUSTER_MEMBERS);
                // Untimed: the countdown compiled on every member.
                measure(Workload.CPU_BOUND, Contender.CLUSTER_MEMBERS, members, steps, answers);
            }
            for (PythonInterpreter python : pythons) {
                cpythons.add(PythonSide.start(python));
                results.python(python, null);
            }
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Workload workload : Workload.values()) {
                    if (workload == Workload.CPU_BOUND) {
                        // Untimed: after the sleeping the cores may have slowed down; two workers wake both.
                        measure(workload, Contender.PLATFORM_THREADS, 2, steps, answers);
                    }
                    for (int workers : settings.workerCountsForRound(round)) {
                        for (Contender contender : contenders) {
                            Measurement measured;
                            double freeCores;
                            try (CpuContention contention = CpuContention.watch()) {
                                measured = measure(workload, contender, workers, steps, answers);
                                // A point too short for one sample of the load is not judged.
                                freeCores = Double.isNaN(contention.othersBusyCores()) ? Double.NaN : contention.coresFree();
                            }
                            results.add(new Results.Sample(workload, contender, workers, round,
                                    measured.wallSeconds(), cpuOrNaN(contender, measured), freeCores));
                            progress.step(String.format("round %d, %s, %s, %d worker%s: %.3f s", round, workload.id,
                                    contender.label(), workers, workers == 1 ? "" : "s", measured.wallSeconds()));
                        }
                    }
                }
                for (PythonSide cpython : List.copyOf(cpythons)) {
                    PythonInterpreter python = cpython.interpreter();
                    try {
                        cpython.round(round, settings).forEach(results::add);
                        progress.step(String.format("round %d, %s (CPython %s): threads and multiprocessing", round,
                                python.name(), python.facts().version()));
                    } catch (IOException e) {
                        String note = python.name() + " stopped in round " + round + ": " + e.getMessage();
                        progress.say(note + "; going on without it.");
                        progress.drop(settings.rounds() - round + 1);
                        results.python(python, note);
                        cpython.close();
                        cpythons.remove(cpython);
                    }
                }
            }
        } finally {
            for (PythonSide cpython : cpythons) {
                cpython.close();
            }
            if (cluster != null) {
                cluster.close();
                cluster = null;
            }
        }
        return results;
    }

    /** Virtual threads cannot time their own CPU, so ParallelRun reports the whole process's: not comparable. */
    private static double cpuOrNaN(Contender contender, Measurement measured) {
        return contender == Contender.VIRTUAL_THREADS || measured.cpu().isZero() ? Double.NaN : measured.cpuSeconds();
    }

    private Measurement measure(Workload workload, Contender contender, int workers, long steps,
                                Map<Integer, List<Object>> answers) throws Exception {
        Duration nap = settings.sleepTotal().dividedBy(workers);
        long share = steps / workers;
        if (contender == Contender.CLUSTER_MEMBERS) {
            ClusterWorkers.Result run = workload == Workload.CPU_BOUND ? cluster.countdown(workers, share) : cluster.sleep(workers, nap);
            check(workload, workers, contender, new ArrayList<Object>(run.values()), answers);
            return run.measurement();
        }
        if (contender == Contender.CHILD_JVMS) {
            List<List<String>> arguments = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                arguments.add(workload == Workload.CPU_BOUND
                        ? List.of("countdown", Long.toString(share))
                        : List.of("sleep", Long.toString(nap.toMillis())));
            }
            ChildWorkers.Result run = ChildWorkers.run(arguments);
            check(workload, workers, contender, run.checksums().stream().<Object>map(Long::parseLong).toList(), answers);
            return run.measurement();
        }
        Interpreter interpreter = contender == Contender.GIL_THREADS ? new Gil() : Interpreter.FREE_THREADED;
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            tasks.add(() -> interpreter.run(() -> workload == Workload.CPU_BOUND
                    ? CpuWork.countdown(share, interpreter)
                    : SleepWork.sleep(nap, interpreter)));
        }
        ThreadFactory threads = contender == Contender.VIRTUAL_THREADS
                ? Thread.ofVirtual().name("compare-virtual-", 1).factory()
                : Thread.ofPlatform().name("compare-worker-", 1).factory();
        ParallelRun.Result<Object> run = ParallelRun.run(tasks, threads);
        check(workload, workers, contender, run.values(), answers);
        return run.measurement();
    }

    private static void check(Workload workload, int workers, Contender contender, List<Object> values,
                              Map<Integer, List<Object>> answers) {
        if (workload != Workload.CPU_BOUND) {
            return;
        }
        List<Object> expected = answers.putIfAbsent(workers, values);
        if (expected != null && !expected.equals(values)) {
            throw new IllegalStateException(contender.label() + " on " + workers + " workers computed " + values
                    + ", platform threads " + expected);
        }
    }
}
