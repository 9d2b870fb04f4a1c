package dev.concurrencylab.threading;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.threading.support.DaemonDemo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/*
 * Lesson thread-basics: what a thread is and how you drive one.
 *
 * Mirrors notebook 004 ("Concurrent execution"). There, five threads each call time.sleep(3),
 * the notebook prints is_alive() and threading.active_count() after every start(), joins them
 * all, and the whole thing takes about 3 seconds, not 15: sleeping threads wait side by side.
 *
 * Java's Thread has the same verbs: start(), run(), join(), join(timeout), isAlive(), getName(),
 * Thread.activeCount() (only an estimate, where Python's threading.active_count() counts exactly
 * the Thread objects still alive). And it has one thing Python spells differently: a daemon thread, which
 * does not keep the JVM alive (Python's Thread(daemon=True) is the same idea).
 */
@LessonCard(id = "thread-basics", place = "1.1", notebooks = "004",
        title = "Threads: start, join, isAlive, names, daemons",
        keys = {"threads", "sleep_s", "wall_s", "alive_after_start", "alive_after_join"},
        parameters = {
                @LessonCard.Param(name = "threads", meaning = "sleeping threads started together (the notebook starts five)",
                        unit = "count", full = 5, quick = 5, min = 1, max = 64),
                @LessonCard.Param(name = "sleep_ms", meaning = "how long each of them sleeps", unit = "ms",
                        full = 3000, quick = 300, min = 100, max = 3000)})
public final class ThreadBasicsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ThreadBasicsLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("alive_after_join", "a thread is still alive after join() returned",
                        seen -> seen.flag("alive_after_join")),
                Outcome.forbidden("not_alive_at_start", "a thread waiting at the gate was not alive",
                        seen -> !seen.flag("alive_after_start")),
                Outcome.forbidden("done_before_sleeping", "the threads were done before one sleep could have ended",
                        seen -> seen.number("wall_s") < seen.number("sleep_s")),
                Outcome.forbidden("timed_join_killed", "join(timeout) ended a thread that was still busy",
                        seen -> !seen.flag("alive_after_timed_join")),
                Outcome.forbidden("daemon_kept_jvm", "a JVM with only a daemon thread left did not exit",
                        seen -> !seen.flag("daemon_jvm_exited")),
                Outcome.forbidden("non_daemon_let_jvm_exit", "a JVM exited under a waiting non-daemon thread",
                        seen -> !seen.flag("non_daemon_kept_jvm_alive")),
                Outcome.needsFreeCores("sleeps_overlapped", "the sleeps overlapped: all done in less than two sleeps' time",
                        seen -> seen.number("wall_s") < 2 * seen.number("sleep_s"),
                        seen -> String.format("the threads took %.2f s for sleeps of %.2f s: the machine was slow to wake them",
                                seen.number("wall_s"), seen.number("sleep_s"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int threads = (int) context.parameter("threads");
        Duration sleep = Duration.ofMillis(Math.round(context.parameter("sleep_ms")));
        Observations seen = new Observations();

        /*
         * Part 1: sleepers, five unless a knob says otherwise.
         *
         * The naive version would start each thread and immediately ask isAlive(). That answer
         * is almost always true, but "almost" is a race: a thread could finish before we ask.
         * So each sleeper first waits at a gate. While they wait, isAlive() is true for certain,
         * and activeCount() has grown by their number. Then we open the gate and time the sleeps.
         */
        CountDownLatch gate = new CountDownLatch(1);
        int activeBefore = Thread.activeCount();
        List<Thread> sleepers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        boolean allAliveAfterStart = true;
        for (int i = 1; i <= threads; i++) {
            Thread sleeper = new Thread(() -> {
                try {
                    gate.await();
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "sleeper-" + i);
            sleeper.start();
            allAliveAfterStart &= sleeper.isAlive();
            context.say("started %s, alive: %s, active threads: %d",
                    sleeper.getName(), sleeper.isAlive(), Thread.activeCount());
            sleepers.add(sleeper);
            names.add(sleeper.getName());
        }
        int activeWithSleepers = Thread.activeCount();

        // Sleeping needs no core, but waking the sleepers on time needs one that is free.
        Load.Watched<Double> watched = Load.during(1.0, () -> {
            Stopwatch wall = Stopwatch.start();
            gate.countDown();
            for (Thread sleeper : sleepers) {
                if (!sleeper.join(Timeouts.scaled(sleep.multipliedBy(10)))) {
                    throw new IllegalStateException(sleeper.getName() + " did not finish its sleep");
                }
            }
            wall.close();
            return wall.seconds();
        });
        double wall = watched.result();
        boolean anyAliveAfterJoin = false;
        for (Thread sleeper : sleepers) {
            anyAliveAfterJoin |= sleeper.isAlive();
        }
        context.say("%d threads slept %.2f s each; all done after %.2f s (one after another: %.2f s)",
                threads, seconds(sleep), wall, threads * seconds(sleep));

        seen.put("threads", threads, "threads started, each sleeping sleep_s")
                .put("sleep_s", seconds(sleep), "how long each thread slept")
                .put("wall_s", wall, "wall time until all were joined: about sleep_s, not threads × sleep_s")
                .load(watched.load())
                .put("sequential_s", threads * seconds(sleep), "what the same sleeps would take one after another")
                .put("alive_after_start", allAliveAfterStart, "isAlive() right after start(), for every thread")
                .put("alive_after_join", anyAliveAfterJoin, "isAlive() after join(), for any thread")
                .put("active_count_added", activeWithSleepers - activeBefore,
                        "growth of Thread.activeCount() while the sleepers existed (an estimate; Python's active_count() is exact)")
                .put("names", names, "names given to the threads (Python's Thread.name)");

        /*
         * Part 2: join(timeout) is a wait with a limit, not a kill.
         *
         * A common mistake is to believe that join(timeout) stops a thread that takes too long.
         * It only stops *waiting*: when it returns, the thread may still be running, and only
         * isAlive() tells. (Java's join(Duration) returns that answer directly.)
         */
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = Thread.ofPlatform().name("slow").start(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        boolean finishedWithinTimeout = slow.join(Duration.ofMillis(50));
        boolean aliveAfterTimedJoin = slow.isAlive();
        release.countDown();
        slow.join();
        context.say("join(50 ms) on a thread that was not done: returned %s, thread still alive: %s",
                finishedWithinTimeout, aliveAfterTimedJoin);
        seen.put("alive_after_timed_join", aliveAfterTimedJoin,
                "isAlive() after join(50 ms) returned on a thread that was still busy");

        /*
         * Part 3: daemon or not.
         *
         * A JVM exits when its last non-daemon thread ends. We show it in a child JVM whose main()
         * starts one thread that waits for a line on stdin, says "main returned", and returns.
         * With a daemon thread the child exits by itself. With an ordinary thread it cannot: we
         * send the line, and the thread answers, after main() is long gone.
         */
        boolean daemonExited = DaemonDemo.daemonChildExitsAfterMain();
        boolean userThreadKeptAlive = DaemonDemo.userThreadRunsAfterMain();
        context.say("after main() returned: the child with a daemon thread exited: %s; "
                + "the child with a non-daemon thread was still running: %s", daemonExited, userThreadKeptAlive);
        seen.put("daemon_jvm_exited", daemonExited, "a JVM whose only other thread is a daemon exits when main() returns")
                .put("non_daemon_kept_jvm_alive", userThreadKeptAlive,
                        "a JVM with a waiting non-daemon thread stays alive after main() returns");

        return seen.conclude(String.format("%d threads sleeping %.2f s each finished in %.2f s",
                threads, seconds(sleep), wall));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run thread-basics          (--quick: 0.3 s sleeps instead of 3 s)
 *     ./concurrency-lab run thread-basics -p threads=50 -p sleep_ms=1000
 *
 * What a run shows: the block `<!-- observed thread-basics -->` in this module's README.md, which
 * `./concurrency-lab observed thread-basics` rewrites from a real run on the reader's machine.
 *
 * wall_s is about sleep_s, not threads times it: sleeping threads overlap perfectly, in Java as in
 * Python, because a sleeping thread holds no CPU (and, in Python, no GIL).
 */
