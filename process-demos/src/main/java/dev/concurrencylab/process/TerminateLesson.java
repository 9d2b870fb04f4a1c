package dev.concurrencylab.process;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/*
 * Lesson terminate: ending a process, politely, firmly, on a timer, and with its children.
 *
 * Mirrors notebooks 001 ("processes are interruptable and killable") and 003 (p.terminate()).
 * Python's terminate() sends SIGTERM on POSIX, kill() sends SIGKILL. Java's ProcessHandle has the
 * same pair: destroy() asks (SIGTERM: the JVM runs its shutdown hooks, then exits with 143) and
 * destroyForcibly() insists (SIGKILL: nothing runs, exit code 137). On Windows both are
 * TerminateProcess: no hooks run, and the exit code is 1.
 *
 * Two more things a real program needs. A watchdog: Commons Exec's ExecuteWatchdog (inside core's
 * ChildJvm) kills a child that overruns its time. And trees: destroying a process does not
 * destroy the processes it started; they are orphaned and keep running. ChildJvm.close() kills
 * the descendants first, found through ProcessHandle.descendants(), then the child.
 */
@LessonCard(id = "terminate", place = "2.6", notebooks = {"001", "003"},
        title = "Terminating: destroy() vs destroyForcibly(), a watchdog, a whole process tree",
        keys = {"graceful_exit_code", "forced", "tree_killed"})
public final class TerminateLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new TerminateLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("forced_survived", "destroyForcibly() did not end the child",
                        seen -> !seen.flag("forced")),
                Outcome.forbidden("watchdog_missed", "the watchdog did not end a child that outlived its timeout",
                        seen -> !seen.flag("watchdog_killed")),
                Outcome.forbidden("grandchild_survived", "a grandchild outlived the killing of its tree",
                        seen -> !seen.flag("tree_killed")),
                Outcome.forbidden("sigterm_not_as_posix_says", "on Linux or macOS, destroy() did not end the child by SIGTERM (143, hook run) "
                                + "or destroyForcibly() not by SIGKILL (137)",
                        seen -> !Executables.WINDOWS && (!seen.flag("hook_ran") || seen.number("graceful_exit_code") != 143
                                || seen.number("forced_exit_code") != 137)));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Duration limit = Timeouts.seconds(30);

        /* Part 1: destroy(): SIGTERM; the child's shutdown hook runs. */
        int gracefulCode;
        boolean hookRan;
        try (ChildJvm child = ChildJvm.builder(HookedSleeper.class).name("graceful").start()) {
            child.awaitReady(limit);
            child.handle().destroy();
            gracefulCode = child.waitFor(limit);
            hookRan = child.stdoutLines().contains(HookedSleeper.HOOK_RAN);
        }
        context.say("destroy(): exit code %d, shutdown hook ran: %s", gracefulCode, hookRan);

        /* Part 2: destroyForcibly(): SIGKILL; nothing runs. */
        int forcedCode;
        boolean forcedHookRan;
        try (ChildJvm child = ChildJvm.builder(HookedSleeper.class).name("forced").start()) {
            child.awaitReady(limit);
            child.handle().destroyForcibly();
            forcedCode = child.waitFor(limit);
            forcedHookRan = child.stdoutLines().contains(HookedSleeper.HOOK_RAN);
        }
        context.say("destroyForcibly(): exit code %d, shutdown hook ran: %s", forcedCode, forcedHookRan);

        /*
         * Part 3: a watchdog of 500 ms on a child that would sleep for ever. It counts from the
         * launch: on a busy machine the child may not even have finished starting, and is ended all the same.
         */
        boolean watchdogKilled;
        try (ChildJvm child = ChildJvm.builder(HookedSleeper.class).name("overrunning")
                .timeout(Duration.ofMillis(500)).start()) {
            child.waitFor(limit);
            watchdogKilled = child.timedOut();
        }
        context.say("a 500 ms watchdog on an endless child: killed it: %s", watchdogKilled);

        /* Part 4: a child with two grandchildren; the whole tree goes. */
        List<ProcessHandle> tree = new ArrayList<>();
        try (ChildJvm child = ChildJvm.builder(TreeRoot.class).name("tree").start()) {
            child.awaitReady(limit);
            tree.add(child.handle());
            for (int i = 0; i < 2; i++) {
                long pid = Long.parseLong(child.awaitValue("grandchild ", limit, "name a grandchild"));
                ProcessHandle.of(pid).ifPresent(tree::add);
            }
            context.say("a child with two grandchildren: pids %s, descendants seen by ProcessHandle: %d",
                    tree.stream().map(ProcessHandle::pid).toList(), child.handle().descendants().count());
        } // close(): descendants first, then the child
        boolean treeKilled = tree.size() == 3 && tree.stream().noneMatch(ProcessHandle::isAlive);
        context.say("after close(): all three gone: %s", treeKilled);

        return new Observations()
                .put("graceful_exit_code", gracefulCode, "exit code after destroy() (143 = SIGTERM; 1 on Windows)")
                .put("hook_ran", hookRan, "the child's shutdown hook ran on destroy()")
                .put("forced", !forcedHookRan, "destroyForcibly() ended the child without running its hook")
                .put("forced_exit_code", forcedCode, "exit code after destroyForcibly() (137 = SIGKILL; 1 on Windows)")
                .put("watchdog_killed", watchdogKilled, "the watchdog killed a child that overran its 500 ms")
                .put("tree_killed", treeKilled, "the child and both grandchildren were gone after close()")
                .conclude(String.format("destroy(): %d with hook %s; destroyForcibly(): %d; watchdog: %s; tree killed: %s",
                        gracefulCode, hookRan, forcedCode, watchdogKilled, treeKilled));
    }

    /** Child JVM: registers a shutdown hook that says so, says ready, sleeps for ever. */
    static final class HookedSleeper {
        static final String HOOK_RAN = "shutdown hook ran";

        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(HOOK_RAN)));
            ChildSide.sayReady();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Child JVM: starts two sleeping grandchildren, names their pids, sleeps. */
    static final class TreeRoot {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            List<ChildJvm> grandchildren = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                ChildJvm grandchild = ChildJvm.builder(HookedSleeper.class).name("grandchild-" + i).start();
                grandchild.awaitReady(Timeouts.seconds(30));
                grandchildren.add(grandchild);
            }
            ChildSide.sayReady();
            grandchildren.forEach(grandchild -> System.out.println("grandchild " + grandchild.pid()));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run terminate
 *
 * What a run shows: the block `<!-- observed terminate -->` in this module's README.md, which
 * `./concurrency-lab observed terminate` rewrites from a real run on the reader's machine.
 */
