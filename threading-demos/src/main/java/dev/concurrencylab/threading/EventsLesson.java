package dev.concurrencylab.threading;

import java.util.concurrent.TimeUnit;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.work.Blackhole;
import dev.concurrencylab.threading.support.Event;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/*
 * Lesson events: telling a thread to stop.
 *
 * Mirrors notebook 003: a thread has no terminate(), so the sender loop checks an Event and
 * breaks out when the main thread sets it. Python gets away with a plain global flag too: the
 * interpreter looks a global name up afresh every time the loop reads it, and the GIL changing
 * hands orders memory between the threads.
 *
 * The JVM does not promise that. A field written by one thread and read in a loop by another,
 * with no volatile and no lock, may be read once and kept in a register by the JIT: the loop then
 * never sees the change and spins forever. It is legal under the Java Memory Model, and it does
 * happen in practice after the loop is compiled. The cure is a happens-before edge: a volatile
 * field, or an Event (below, built on a lock and a condition), whose set() happens-before the
 * waiter seeing it.
 *
 * The broken loop runs in a child JVM with a watchdog, so that it cannot hang anything here; what
 * it does is reported, not relied on, because it depends on the JIT.
 */
@LessonCard(id = "events", place = "1.7", notebooks = "003",
        title = "Stopping a thread: a plain flag may never be seen; volatile and an Event are",
        keys = {"stopped", "stop_latency_ms"})
public final class EventsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new EventsLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("volatile_or_event_missed", "a loop on a volatile flag or an Event waiter did not stop",
                        seen -> !seen.flag("stopped")),
                Outcome.interesting("plain_flag_never_seen", "the loop on a plain flag never saw it set",
                        seen -> !seen.flag("plain_flag_stopped"),
                        seen -> "the plain flag was seen this time: the loop read it before the JIT had hoisted the read out of it"),
                Outcome.forbidden("event_waited_out_its_period", "the Event waiter woke only when its 1 s period ran out",
                        seen -> seen.number("event_stop_latency_ms") >= 1000));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        Duration limit = Timeouts.seconds(20);

        /*
         * Part 1: the naive flag, in a child JVM. The child spins on a plain boolean, another of
         * its threads sets it after the loop is hot, and the child reports whether the loop ever
         * stopped. If it did not, the watchdog below ends the child.
         */
        Duration grace = Duration.ofMillis(context.size(500, 2000));
        boolean plainFlagStopped;
        try (ChildJvm child = ChildJvm.builder(PlainFlagChild.class).name("plain-flag")
                .arguments(Long.toString(grace.toMillis())).start()) {
            child.awaitReady(limit);
            String verdict = child.awaitLine(line -> line.startsWith("loop "), limit.plus(grace), "report its loop");
            plainFlagStopped = verdict.equals("loop stopped");
        }
        context.say("a loop on a plain boolean flag, set by another thread: %s",
                plainFlagStopped ? "stopped this time (the JIT happened to reread it)"
                        : "never saw the flag within " + grace.toMillis() + " ms (the JIT hoisted the read)");
        seen.put("plain_flag_stopped", plainFlagStopped,
                "a spin loop on a plain field saw another thread's write (not guaranteed: depends on the JIT)");

        /*
         * Part 2: a volatile flag. Every read goes to memory, so the loop must see the write. We
         * measure how long it took from set to stop.
         */
        VolatileStop volatileStop = new VolatileStop();
        CountDownLatch spinning = new CountDownLatch(1);
        Thread worker = Thread.ofPlatform().name("volatile-worker").start(() -> volatileStop.spin(spinning));
        spinning.await();
        long setAt = System.nanoTime();
        volatileStop.stop = true;
        boolean volatileStopped = worker.join(limit);
        double volatileLatencyMs = (volatileStop.stoppedAt - setAt) / 1e6;
        context.say("volatile flag: stopped %s, %.3f ms after it was set", volatileStopped, volatileLatencyMs);

        /*
         * Part 3: an Event, the threading.Event counterpart. The worker does a slice of work, then
         * waits on the event for the rest of its period instead of sleeping, so a set() wakes it
         * at once rather than at the end of a sleep.
         */
        Event exit = new Event();
        CountDownLatch waiting = new CountDownLatch(1);
        long[] wokeAt = new long[1];
        Thread sender = Thread.ofPlatform().name("event-worker").start(() -> {
            try {
                waiting.countDown();
                while (!exit.await(Duration.ofSeconds(1))) {
                    Blackhole.consume(System.nanoTime()); // a period's work, in a real sender
                }
                wokeAt[0] = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiting.await();
        long eventSetAt = System.nanoTime();
        exit.set();
        boolean eventStopped = sender.join(limit);
        double eventLatencyMs = (wokeAt[0] - eventSetAt) / 1e6; // wokeAt is visible after join
        context.say("Event: stopped %s, %.3f ms after set() (its period is 1 s: it did not wait it out)",
                eventStopped, eventLatencyMs);

        seen.put("stopped", volatileStopped && eventStopped, "the volatile loop and the Event waiter both stopped")
                .put("stop_latency_ms", volatileLatencyMs, "from setting the volatile flag to the loop leaving")
                .put("event_stop_latency_ms", eventLatencyMs, "from Event.set() to the waiter waking (its period is 1 s)");

        return seen.conclude(String.format("volatile flag stopped the loop in %.3f ms, Event in %.3f ms; plain flag: %s",
                volatileLatencyMs, eventLatencyMs, plainFlagStopped ? "happened to stop" : "never stopped"));
    }

    /** A loop on a volatile flag; records when it left. */
    static final class VolatileStop {
        volatile boolean stop;
        volatile long stoppedAt;

        void spin(CountDownLatch spinning) {
            long spins = 0;
            spinning.countDown();
            while (!stop) {
                spins++;
            }
            stoppedAt = System.nanoTime();
            Blackhole.consume(spins);
        }
    }

    /**
     * Child JVM: spins on a plain field until another thread sets it, and says whether the loop
     * stopped within the grace period given as argument. Its loop may spin forever; the watchdog
     * thread then reports and halts the JVM.
     */
    static final class PlainFlagChild {
        static boolean stop; // plain on purpose: no happens-before edge with the writer

        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            Duration grace = Duration.ofMillis(Long.parseLong(args[0]));
            CountDownLatch stopped = new CountDownLatch(1);
            Thread spinner = new Thread(() -> {
                long spins = 0;
                while (!stop) {
                    spins++;
                }
                Blackhole.consume(spins);
                stopped.countDown();
            }, "spinner");
            spinner.setDaemon(true);
            spinner.start();
            ChildSide.sayReady();
            Thread.sleep(200); // let the loop get compiled before the write; a wait, not a synchronisation
            stop = true;
            boolean sawIt = stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            System.out.println(sawIt ? "loop stopped" : "loop still spinning");
            System.out.flush();
            Runtime.getRuntime().halt(0); // the spinner may never end: do not wait for it
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run events
 *
 * What a run shows: the block `<!-- observed events -->` in this module's README.md, which
 * `./concurrency-lab observed events` rewrites from a real run on the reader's machine.
 *
 * Whether the plain-flag loop stops depends on whether the JIT has hoisted the read out of the
 * loop before the flag is set: the run above says what this run saw, and jcstress below counts
 * both answers over many runs. That uncertainty is the point: without volatile or a lock there
 * is no guarantee.
 *
 * Backed by jcstress (jcstress/src/main/java/dev/concurrencylab/jcstress/StopFlag.java): the stop
 * flag, in termination mode (STALE: the spinner was still running when jcstress stopped waiting).
 * The block `<!-- measured jcstress -->` in jcstress/README.md holds the last run's counts, which
 * that run writes:
 *     ./mvnw -Pjcstress -pl jcstress -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 */
