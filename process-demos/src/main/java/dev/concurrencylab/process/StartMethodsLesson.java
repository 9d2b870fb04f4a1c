package dev.concurrencylab.process;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.child.StartupArchive;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Summary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/*
 * Lesson start-methods: how a new process begins, in Python and in Java.
 *
 * Mirrors notebook 003's start methods. Python has three. fork copies the running interpreter
 * (fast; but only the forking thread survives in the child, so locks held by other threads stay
 * locked forever: "unsafe"). spawn starts a fresh interpreter that imports the main module (safe,
 * slow). forkserver forks children from a clean server process started early (safe, in between).
 * fork was the default on Linux up to Python 3.13; 3.14 made forkserver the default there, and
 * spawn is the default on macOS (since 3.8) and Windows.
 *
 * That change of default breaks code written the way the notebooks write it. Under spawn and
 * forkserver the target and its arguments are pickled to the child, and the child imports the main
 * module afresh: a target defined inside a function cannot be pickled ("Can't pickle local
 * object", or "Can't get local object" on 3.13), and a script without an
 * if __name__ == "__main__": guard starts its processes again while importing itself, which
 * multiprocessing refuses with a RuntimeError. Under fork both just work, which is why the
 * notebooks never needed either.
 *
 * Java has one start method: spawn. A running JVM cannot be forked (its many threads and its
 * JIT state would not survive), so a child is always a fresh JVM, and it knows only what it is
 * given: arguments, environment, stdin, files. What can be chosen is how the OS process is
 * created: jdk.lang.Process.launchMechanism is POSIX_SPAWN (the default on Linux and macOS) or
 * FORK (VFORK is deprecated). We time both by launching a trivial program many times, then time a
 * child JVM from launch to its ready line three ways: plain, with an AppCDS archive of the
 * classes it loads (core's StartupArchive), and with JDK 25's AOT cache, which also keeps the
 * classes linked. Python's forkserver has the same idea: pay for start-up once, not per child.
 */
@LessonCard(id = "start-methods", place = "2.3", notebooks = "003",
        title = "Start methods: no fork of a running JVM; POSIX_SPAWN vs FORK; a child JVM's start-up",
        keys = {"launch_ms_posix_spawn", "launch_ms_fork", "child_jvm_ms"})
public final class StartMethodsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new StartMethodsLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("child_jvm_never_ready", "a child JVM's start-to-ready time was not measured",
                        seen -> !(seen.number("child_jvm_ms") > 0)),
                Outcome.interesting("archive_speeds_start_up", "an archive brought a child JVM's start-up to 0.7x of plain or less",
                        seen -> Math.min(seen.number("cds_vs_plain"), Double.isNaN(seen.number("aot_vs_plain")) ? 1 : seen.number("aot_vs_plain")) <= 0.7,
                        seen -> seen.flag("class_path_jars_only")
                                ? String.format("CDS %.2fx, AOT %.2fx of plain", seen.number("cds_vs_plain"), seen.number("aot_vs_plain"))
                                : "the class path has directories, for which the JVM writes no archive"),
                Outcome.interesting("jvm_costs_more_than_a_launch", "a child JVM costs more than launching a small program",
                        seen -> seen.number("child_jvm_ms") > Math.max(seen.number("launch_ms_posix_spawn"), seen.number("launch_ms_fork")),
                        seen -> "launching a program took as long as starting a JVM in this run: the machine was busy"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        int launches = context.size(20, 100);
        boolean posix = !Executables.WINDOWS;

        /* Part 1: the launch mechanism, measured in child JVMs because it is fixed per JVM at start-up. */
        for (String mechanism : List.of("POSIX_SPAWN", "FORK")) {
            double median = Double.NaN;
            if (posix) {
                try (ChildJvm timer = ChildJvm.builder(LaunchTimer.class).name("launch-" + mechanism.toLowerCase(Locale.ROOT))
                        .jvmOptions("-Djdk.lang.Process.launchMechanism=" + mechanism)
                        .arguments(Integer.toString(launches)).start()) {
                    median = Double.parseDouble(timer.awaitValue("median_ms ", Timeouts.seconds(120), "time its launches"));
                }
            }
            context.say("launching /bin/true with %s: median %.3f ms over %d launches", mechanism, median, launches);
            seen.put("launch_ms_" + mechanism.toLowerCase(Locale.ROOT), median,
                    "median ms to start and reap a trivial program with " + mechanism + " (NaN: not on this OS)");
        }

        /*
         * Part 2: a child JVM from launch to its ready line, the price of spawn, three ways: plain;
         * with an AppCDS archive of the classes it loads; with JDK 25's AOT cache. One untimed
         * start of each first (it creates the archive when there is none), then interleaved
         * rounds, so that a busy second slows all three.
         */
        int jvms = context.size(5, 15);
        Map<StartupArchive.Kind, List<String>> options = new EnumMap<>(StartupArchive.Kind.class);
        Map<StartupArchive.Kind, List<Double>> millis = new EnumMap<>(StartupArchive.Kind.class);
        for (StartupArchive.Kind kind : StartupArchive.Kind.values()) {
            StartupArchive.options(kind, "ready").ifPresent(found -> options.put(kind, found));
        }
        if (!StartupArchive.classPathIsJarsOnly()) {
            context.say("this class path has directories: the JVM writes no archive for one (it would end the child with exit "
                    + "code 1), so only plain starts are timed here; ./concurrency-lab runs from one jar");
        } else if (!options.containsKey(StartupArchive.Kind.AOT)) {
            context.say("no AOT cache on JDK %d: -XX:AOTCache came with JDK 24 (JEP 483), and the one-step "
                    + "-XX:AOTCacheOutput this lesson writes it with came with JDK 25 (JEP 514)", Runtime.version().feature());
        }
        for (Map.Entry<StartupArchive.Kind, List<String>> kind : options.entrySet()) {
            boolean existed = StartupArchive.exists(kind.getKey(), "ready");
            startUp(kind.getValue(), "warm-up"); // creates the archive if it is missing
            if (kind.getKey() != StartupArchive.Kind.NONE) {
                context.say("%s archive: %s", kind.getKey(), existed ? "found from an earlier run"
                        : StartupArchive.exists(kind.getKey(), "ready") ? "created by the untimed start" : "could not be created");
                // Asked again: an AOT cache that did not exist is now used (-XX:AOTCache), no longer recorded.
                StartupArchive.options(kind.getKey(), "ready").ifPresent(kind::setValue);
            }
        }
        for (int i = 0; i < jvms; i++) {
            for (Map.Entry<StartupArchive.Kind, List<String>> kind : options.entrySet()) {
                millis.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).add(startUp(kind.getValue(), "ready-" + i));
            }
        }
        Summary plain = Summary.of(millis.get(StartupArchive.Kind.NONE));
        context.say("child JVM, launch to ready, median (min to max) over %d starts each:", jvms);
        for (Map.Entry<StartupArchive.Kind, List<Double>> kind : millis.entrySet()) {
            Summary s = Summary.of(kind.getValue());
            context.say("  %-4s %.1f ms (%.1f to %.1f): %.2fx of plain", kind.getKey(), s.median(), s.min(), s.max(), s.median() / plain.median());
        }
        seen.put("child_jvm_ms", plain.median(), "median ms from launching a child JVM to its ready line, no archive");
        double cds = millis.containsKey(StartupArchive.Kind.CDS) ? Summary.of(millis.get(StartupArchive.Kind.CDS)).median() : Double.NaN;
        seen.put("child_jvm_cds_ms", cds, "the same with an AppCDS archive of the classes it loads (NaN: no archive for this class path)")
                .put("cds_vs_plain", cds / plain.median(), "child_jvm_cds_ms / child_jvm_ms")
                .put("class_path_jars_only", StartupArchive.classPathIsJarsOnly(), "every class path entry is a jar (no archive otherwise)");
        double aot = millis.containsKey(StartupArchive.Kind.AOT) ? Summary.of(millis.get(StartupArchive.Kind.AOT)).median() : Double.NaN;
        seen.put("child_jvm_aot_ms", aot, "the same with JDK 25's AOT cache (NaN before JDK 25)")
                .put("aot_vs_plain", aot / plain.median(), "child_jvm_aot_ms / child_jvm_ms (NaN before JDK 25)");

        /* The start method the reader's CPython uses when it is not told. */
        Optional<PythonFacts> python = PythonFacts.onPath();
        if (python.isPresent()) {
            context.say("the python3 on PATH: %s", python.get().describe());
            seen.put("python_start_method", List.of(python.get().defaultStartMethod()),
                    "multiprocessing.get_start_method() of the python3 on PATH")
                    .put("python_version", List.of(python.get().version()), "its version");
        } else {
            context.say("no python3 on PATH answered: the lesson cannot say which start method your CPython uses");
        }
        seen.put("python_found", python.isPresent(), "a python3 on PATH answered the probe");

        String archives = Double.isNaN(cds) ? "no archive for a class path with directories"
                : String.format("%.0f ms with AppCDS, %.0f ms with an AOT cache", cds, aot);
        return seen.conclude(String.format("POSIX_SPAWN %.2f ms, FORK %.2f ms per launch; a child JVM is ready after %.0f ms, %s",
                seen.number("launch_ms_posix_spawn"), seen.number("launch_ms_fork"), plain.median(), archives));
    }

    /** Milliseconds from launching a child JVM with {@code options} to its ready line. */
    private static double startUp(List<String> options, String name) {
        long start = System.nanoTime();
        try (ChildJvm child = ChildJvm.builder(Ready.class).name(name).jvmOptions(options.toArray(String[]::new)).start()) {
            child.awaitReady(Timeouts.seconds(60));
            double millis = (System.nanoTime() - start) / 1e6;
            child.waitFor(Timeouts.seconds(30)); // a normal exit: that is when a missing archive is written
            return millis;
        }
    }

    /** Child JVM: says ready and exits; the smallest useful child. */
    static final class Ready {
        public static void main(String[] args) {
            ChildSide.sayReady();
        }
    }

    /** Child JVM: launches /bin/true n times with this JVM's launch mechanism; prints the median ms. */
    static final class LaunchTimer {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            int n = Integer.parseInt(args[0]);
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < n + 3; i++) {
                long start = System.nanoTime();
                Process process = new ProcessBuilder("true").start();
                process.waitFor();
                if (i >= 3) { // the first launches load classes
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            System.out.println("median_ms " + Summary.of(millis).median());
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run start-methods
 *
 * What a run shows: the block `<!-- observed start-methods -->` in this module's README.md, which
 * `./concurrency-lab observed start-methods` rewrites from a real run on the reader's machine.
 *
 * For Python, process-demos/python/pool_and_start_baseline.py measures each start method on the
 * reader's machine (from Process.start() until the child has put a timestamp on a queue); the
 * block `<!-- measured python-processes -->` in this module's README.md holds its last run. A
 * child JVM is comparable with spawn: both start a runtime from nothing.
 */
