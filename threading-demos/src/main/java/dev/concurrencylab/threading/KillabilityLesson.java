package dev.concurrencylab.threading;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.child.WorkChild;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.work.Blackhole;
import dev.concurrencylab.core.work.CpuWork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;

/*
 * Lesson killability: a thread can only be asked to stop; a process can be killed.
 *
 * Mirrors notebook 001, which lists among the disadvantages of threads that they are "not
 * interruptable and killable", while processes are. Java agrees, with one nuance.
 *
 * Java once had Thread.stop(). It killed a thread wherever it was, releasing its locks halfway
 * through whatever they protected, so it was deprecated in 1998; from Java 20 it just throws, and
 * JDK 26 removed it, so a class compiled for 21 that calls it gets NoSuchMethodError there.
 * What remains is interrupt(): it sets a flag and wakes the thread if it is blocked in sleep,
 * wait, join or an interruptible channel. A thread busy computing is not woken: it stops only if
 * its loop looks at the flag. A child process, on the other hand, can be destroyed by the OS at
 * any point, because it shares no memory with us that it could leave half-written.
 */
@LessonCard(id = "killability", place = "1.11", notebooks = "001",
        title = "Killing: Thread.stop is gone, interrupt is cooperative, a child JVM can be destroyed",
        keys = {"thread_still_running_after_interrupt", "process_destroyed"})
public final class KillabilityLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new KillabilityLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("stop_worked", "Thread.stop() stopped a thread",
                        seen -> !seen.flag("thread_stop_unsupported")),
                Outcome.forbidden("interrupt_killed_a_loop", "interrupt() ended a loop that never checks its flag",
                        seen -> !seen.flag("thread_still_running_after_interrupt")),
                Outcome.forbidden("cooperative_loop_ran_on", "a loop that checks its flag did not stop after interrupt()",
                        seen -> !seen.flag("cooperative_thread_stopped")),
                Outcome.forbidden("process_survived", "destroyForcibly() did not end the child JVM",
                        seen -> !seen.flag("process_destroyed")),
                Outcome.forbidden("interrupt_flag_not_set", "interrupt() did not set the thread's flag",
                        seen -> !seen.flag("interrupt_flag_set")));
    }

    static final String STOP_RETURNED = "returned normally";

    @SuppressWarnings("removal") // the point: what a call compiled for Java 21 meets on this JDK
    private static void stop(Thread thread) {
        thread.stop();
    }

    /** What an attempt to call Thread.stop() met, in words. */
    static String stopAnswer(Runnable attempt) {
        try {
            attempt.run();
            return STOP_RETURNED;
        } catch (UnsupportedOperationException e) {
            return "UnsupportedOperationException";
        } catch (NoSuchMethodError e) {
            return "NoSuchMethodError";
        }
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        Duration limit = Timeouts.seconds(20);

        /*
         * Part 1: Thread.stop(), called as ordinary code compiled for Java 21 calls it. On JDK 20
         * to 25 the method is there and throws UnsupportedOperationException; JDK 26 removed it,
         * so the same class file gets NoSuchMethodError when the call is first linked. Either way
         * nothing is stopped, and the lesson says which it saw.
         */
        Thread victim = Thread.ofPlatform().unstarted(() -> { });
        String stopAnswer = stopAnswer(() -> stop(victim));
        context.say("Thread.stop() on JDK %d: %s%s", Runtime.version().feature(), stopAnswer, switch (stopAnswer) {
            case "UnsupportedOperationException" -> " (the method is still there, as on JDK 20 to 25, and refuses)";
            case "NoSuchMethodError" -> " (the method is gone, as from JDK 26: the call could not even be linked)";
            default -> "";
        });
        seen.put("thread_stop_answer", List.of(stopAnswer), "what calling Thread.stop() did on this JDK")
                .put("thread_stop_unsupported", !stopAnswer.equals(STOP_RETURNED),
                        "Thread.stop() no longer stops anything (throws UnsupportedOperationException, or is gone)");

        /*
         * Part 2: a CPU loop that never looks at its interrupt flag. We interrupt it; it keeps
         * running, with its flag set. (It stops only because this lesson kept a way to tell it:
         * a volatile field, exactly the cooperation interruption asks for.)
         */
        IgnoringLoop ignoring = new IgnoringLoop();
        Thread deaf = Thread.ofPlatform().name("ignores-interrupts").start(ignoring::run);
        ignoring.started.await();
        deaf.interrupt();
        boolean stillRunning = !deaf.join(Duration.ofMillis(100)) && deaf.isAlive();
        boolean flagSet = deaf.isInterrupted();
        ignoring.release = true;
        deaf.join(limit);
        context.say("a loop that ignores its flag, 100 ms after interrupt(): still running %s (flag set: %s)",
                stillRunning, flagSet);

        /* Part 3: the same work written to cooperate: core's countdown checks the flag. */
        CountDownLatch counting = new CountDownLatch(1);
        String[] ending = new String[1];
        Thread polite = Thread.ofPlatform().name("checks-interrupts").start(() -> {
            counting.countDown();
            try {
                Blackhole.consume(CpuWork.countdown(Long.MAX_VALUE));
            } catch (CancellationException e) {
                ending[0] = "it gave up with a CancellationException"; // its message counts the steps left of Long.MAX_VALUE
            }
        });
        counting.await();
        polite.interrupt();
        boolean cooperativeStopped = polite.join(limit);
        context.say("a loop that checks its flag stopped after interrupt(): %s (%s)", cooperativeStopped, ending[0]);

        /* Part 4: a child JVM busy with the same endless countdown, destroyed from outside. */
        int exitCode;
        boolean destroyed;
        try (ChildJvm child = ChildJvm.builder(WorkChild.class).name("endless-countdown")
                .arguments("countdown", Long.toString(Long.MAX_VALUE)).start()) {
            child.awaitReady(limit);
            child.sendLine(ChildSide.GO);
            child.handle().destroyForcibly();
            exitCode = child.waitFor(limit);
            destroyed = !child.isAlive();
        }
        context.say("a child JVM in an endless loop, destroyForcibly(): gone %s, exit code %d", destroyed, exitCode);

        seen.put("thread_still_running_after_interrupt", stillRunning, "a CPU loop that ignores interrupt() runs on")
                .put("interrupt_flag_set", flagSet, "interrupt() only set the thread's flag")
                .put("cooperative_thread_stopped", cooperativeStopped, "a loop that checks the flag stopped")
                .put("process_destroyed", destroyed, "destroyForcibly() ended a child JVM in the middle of its loop")
                .put("process_exit_code", exitCode, "the destroyed child's exit code (137 = SIGKILL on Linux and macOS)");
        return seen.conclude(String.format("interrupted CPU loop still running: %s; cooperative loop stopped: %s; child JVM destroyed: %s",
                stillRunning, cooperativeStopped, destroyed));
    }

    /** Busy work that checks only its own release flag, never the interrupt flag. */
    static final class IgnoringLoop {
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean release;

        void run() {
            started.countDown();
            long x = 1;
            while (!release) { // nothing here looks at Thread.interrupted()
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
            }
            Blackhole.consume(x);
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run killability
 *
 * What a run shows: the block `<!-- observed killability -->` in this module's README.md, which
 * `./concurrency-lab observed killability` rewrites from a real run on the reader's machine.
 */
