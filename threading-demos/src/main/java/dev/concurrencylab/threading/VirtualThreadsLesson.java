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
import dev.concurrencylab.core.work.CpuWork;

import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/*
 * Lesson virtual-threads: what Java added that Python's threading has no counterpart for.
 *
 * No notebook mirrors this; it answers the question the notebooks leave open: if threads are so
 * good at waiting, why not start ten thousand? A platform thread is an OS thread, with a stack of
 * its own and a kernel scheduler entry; pools keep their number near the core count. A virtual
 * thread (Java 21) is a JVM object mounted on a few carrier threads only while it runs; when it
 * sleeps or blocks on I/O it is unmounted, and what it costs is the heap its saved stack frames
 * take: no OS thread, no reserved stack. (Python's closest
 * relative is asyncio: many waiting tasks on one thread, but with async/await in every function.)
 *
 * One exception matters on JDK 21 to 23: a virtual thread that blocks while inside a synchronized
 * block or method cannot unmount. It pins its carrier, and with as many pinned threads as
 * carriers, every other virtual thread waits. JDK 24 removed that limit (JEP 491); there, a
 * virtual thread still pins its carrier while it blocks in native code (a native method or a
 * foreign function) or during class initialization. On 21 to 23, use a ReentrantLock around blocking calls
 * in code that virtual threads run.
 *
 * So: 10 000 sleep-bound tasks (a knob: -p tasks=...) on a fixed pool of availableProcessors() threads, against one
 * virtual thread per task. Then the same comparison for CPU-bound work, where virtual threads
 * cannot help: there are still only as many cores as there are. Last, pinning, measured on the
 * JDK the lesson runs on: virtual threads that each sleep inside a synchronized block of their
 * own (no contention: only pinning can hold them back) against the same with a ReentrantLock.
 * How many sleeps were in progress at once (tasks x sleep / wall) says whether they pinned.
 */
@LessonCard(id = "virtual-threads", place = "1.10",
        title = "Virtual threads: 10 000 waiting tasks at once; no help for CPU-bound work",
        keys = {"tasks", "platform_pool_s", "virtual_s", "speedup"},
        parameters = @LessonCard.Param(name = "tasks", meaning = "sleep-bound tasks, each on the fixed pool and then on a virtual thread of its own",
                unit = "count", full = 10_000, quick = 10_000, min = 1_000, max = 20_000))
public final class VirtualThreadsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new VirtualThreadsLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("faster_than_a_sleep", "virtual threads finished before one sleep could have ended",
                        seen -> seen.number("virtual_s") * 1000 < seen.number("sleep_ms")),
                Outcome.needsFreeCores("virtual_threads_win", "virtual threads beat the fixed pool on sleeping tasks by at least 2x",
                        seen -> seen.number("speedup") >= 2,
                        seen -> String.format("%.2fx: the machine was slow to wake the sleepers", seen.number("speedup"))),
                Outcome.interesting("cpu_bound_gains_nothing", "CPU-bound tasks gain nothing from virtual threads (below 1.3x)",
                        seen -> seen.number("cpu_speedup") < 1.3,
                        seen -> String.format("%.2fx: timing noise between two equally parallel runs", seen.number("cpu_speedup"))),
                Outcome.interesting("pinning_as_documented", "sleeping inside synchronized pinned the carriers on JDK 21 to 23, "
                                + "and did not on JDK 24+ (JEP 491)",
                        seen -> seen.number("jdk_feature") >= 24 ? seen.get("synchronized_pinning").equals(List.of("not pinned"))
                                : seen.get("synchronized_pinning").equals(List.of("pinned")),
                        seen -> String.format("on JDK %d the run looked %s: %.1f sleeps in progress at once with synchronized, %.1f "
                                        + "with a ReentrantLock, on %d carriers (a busy machine overlaps fewer)",
                                (long) seen.number("jdk_feature"), ((List<?>) seen.get("synchronized_pinning")).getFirst(),
                                seen.number("synchronized_concurrency"), seen.number("reentrant_lock_concurrency"),
                                (long) seen.number("carriers"))),
                Outcome.interesting("recorder_agrees", "the flight recorder saw pinning where the timings did: pinned events with "
                                + "synchronized on JDK 21 to 23, none on JDK 24+, none ever with a ReentrantLock",
                        seen -> seen.number("synchronized_pinned_events") >= 0 && seen.number("reentrant_lock_pinned_events") == 0
                                && (seen.number("jdk_feature") >= 24) == (seen.number("synchronized_pinned_events") == 0),
                        seen -> seen.number("synchronized_pinned_events") < 0 ? "the flight recorder could not record here"
                                : String.format("on JDK %d: %.0f pinned events with synchronized, %.0f with a ReentrantLock",
                                (long) seen.number("jdk_feature"), seen.number("synchronized_pinned_events"),
                                seen.number("reentrant_lock_pinned_events"))),
                Outcome.forbidden("pool_beat_its_limit", "the fixed pool had more sleeps in progress than threads",
                        seen -> seen.number("platform_pool_s") * 1000 * seen.number("pool_threads")
                                < seen.number("tasks") * seen.number("sleep_ms")));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        Duration nap = Duration.ofNanos(context.size(200_000, 2_000_000));
        int tasks = (int) context.parameter("tasks");
        List<Callable<Integer>> sleepers = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int id = i;
            sleepers.add(() -> {
                Thread.sleep(nap);
                return id;
            });
        }

        /* The naive version: a fixed pool sized for CPU work, given waiting work. */
        // Sleeping needs no core, but waking thousands of sleepers on time needs one that is free.
        Load.Watched<double[]> sleeping = Load.during(1.0, () -> new double[] {
                timeAll(Executors.newFixedThreadPool(processors), sleepers),
                timeAll(Executors.newVirtualThreadPerTaskExecutor(), sleepers)});
        double platform = sleeping.result()[0];
        double virtual = sleeping.result()[1];
        context.say("%,d tasks sleeping %.1f ms: fixed pool of %d platform threads %.3f s, one virtual thread each %.3f s",
                tasks, nap.toNanos() / 1e6, processors, platform, virtual);

        /* CPU-bound: 4 tasks per core of busy work. The cores are the limit either way. */
        int cpuTasks = 4 * processors;
        long steps = CpuWork.stepsFor(Duration.ofMillis(context.size(40, 250)));
        List<Callable<Long>> busy = new ArrayList<>();
        for (int i = 0; i < cpuTasks; i++) {
            busy.add(() -> CpuWork.countdown(steps));
        }
        double cpuPlatform = timeAll(Executors.newFixedThreadPool(processors), busy);
        double cpuVirtual = timeAll(Executors.newVirtualThreadPerTaskExecutor(), busy);
        context.say("%d CPU-bound tasks: fixed pool %.3f s, virtual threads %.3f s", cpuTasks, cpuPlatform, cpuVirtual);

        /* Pinning: sleeping inside synchronized, against sleeping inside a ReentrantLock. */
        int carriers = carriers();
        int pinningTasks = 25 * carriers;
        Duration held = Duration.ofMillis(context.size(20, 50));
        double synchronizedConcurrency = pinningTasks * held.toNanos() / 1e9
                / timeAll(Executors.newVirtualThreadPerTaskExecutor(), sleepersHolding(pinningTasks, held, false));
        double lockConcurrency = pinningTasks * held.toNanos() / 1e9
                / timeAll(Executors.newVirtualThreadPerTaskExecutor(), sleepersHolding(pinningTasks, held, true));
        String pinning = synchronizedConcurrency <= carriers + 0.5 ? "pinned"
                : synchronizedConcurrency >= 4 * carriers ? "not pinned" : "unclear";
        context.say("%d virtual threads on %d carriers, each sleeping %d ms while holding a monitor of its own: %.1f sleeps in "
                        + "progress at once with synchronized (%s), %.1f with a ReentrantLock; this is JDK %d", pinningTasks, carriers,
                held.toMillis(), synchronizedConcurrency, pinning, lockConcurrency, Runtime.version().feature());
        context.say(switch (pinning) {
            case "pinned" -> "synchronized pinned the carriers: at most one sleep per carrier at a time, as on JDK 21 to 23";
            case "not pinned" -> "synchronized did not pin: the sleeping threads left their carriers, as JEP 491 made it on JDK 24+";
            default -> "too few sleeps overlapped to tell pinning from a busy machine in this run";
        });

        /*
         * The same, from the JVM itself: the flight recorder's jdk.VirtualThreadPinned event, at
         * threshold 0, fires each time a virtual thread blocks while it cannot leave its carrier.
         * Counted in a second, untimed run of the same tasks, so that recording costs the timings nothing.
         */
        long synchronizedPinned = pinnedEvents(sleepersHolding(pinningTasks, held, false));
        long lockPinned = pinnedEvents(sleepersHolding(pinningTasks, held, true));
        context.say(synchronizedPinned < 0 ? "the flight recorder could not record here, so the JVM's own count of pinned threads is missing"
                : String.format("the flight recorder, in a second untimed run: %d jdk.VirtualThreadPinned events with synchronized, "
                + "%d with a ReentrantLock, for %d sleeps each", synchronizedPinned, lockPinned, pinningTasks));

        Observations seen = new Observations()
                .put("tasks", tasks, "sleep-bound tasks")
                .put("sleep_ms", nap.toNanos() / 1e6, "how long each task sleeps")
                .put("pool_threads", processors, "platform threads in the fixed pool (availableProcessors())")
                .put("platform_pool_s", platform, "all tasks on the fixed pool")
                .put("virtual_s", virtual, "one virtual thread per task")
                .put("speedup", platform / virtual, "platform_pool_s / virtual_s")
                .load(sleeping.load())
                .put("cpu_tasks", cpuTasks, "CPU-bound tasks (4 per core)")
                .put("cpu_platform_pool_s", cpuPlatform, "CPU-bound tasks on the fixed pool")
                .put("cpu_virtual_s", cpuVirtual, "CPU-bound tasks, one virtual thread each")
                .put("cpu_speedup", cpuPlatform / cpuVirtual, "cpu_platform_pool_s / cpu_virtual_s: about 1")
                .put("jdk_feature", Runtime.version().feature(), "the JDK release this ran on (pinning on synchronized ended in 24)")
                .put("carriers", carriers, "carrier threads the virtual threads run on")
                .put("pinning_tasks", pinningTasks, "virtual threads sleeping inside a lock of their own")
                .put("hold_ms", held.toNanos() / 1e6, "how long each sleeps while holding it")
                .put("synchronized_concurrency", synchronizedConcurrency, "sleeps in progress at once inside synchronized (tasks x sleep / wall)")
                .put("reentrant_lock_concurrency", lockConcurrency, "sleeps in progress at once inside a ReentrantLock")
                .put("synchronized_pinning", List.of(pinning), "pinned (at most one per carrier), not pinned, or unclear")
                .put("synchronized_pinned_events", synchronizedPinned,
                        "jdk.VirtualThreadPinned events the flight recorder saw for the synchronized sleepers (-1: it could not record)")
                .put("reentrant_lock_pinned_events", lockPinned, "the same for the ReentrantLock sleepers");
        return seen.conclude(String.format("%,d sleeping tasks: virtual threads %.0fx faster than a pool of %d; CPU-bound: %.2fx; "
                + "sleeping in synchronized on JDK %d: %s", tasks, platform / virtual, processors, cpuPlatform / cpuVirtual,
                Runtime.version().feature(), pinning));
    }

    /** The jdk.VirtualThreadPinned events the flight recorder sees while {@code tasks} run on virtual threads; -1 when it cannot record. */
    static long pinnedEvents(List<Callable<Integer>> tasks) throws Exception {
        AtomicLong pinned = new AtomicLong();
        RecordingStream stream;
        try {
            stream = new RecordingStream();
        } catch (IllegalStateException | SecurityException e) {
            return -1; // a JVM without the flight recorder, or with it disabled
        }
        try (stream) {
            stream.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withoutStackTrace();
            stream.onEvent("jdk.VirtualThreadPinned", event -> pinned.incrementAndGet());
            stream.startAsync();
            timeAll(Executors.newVirtualThreadPerTaskExecutor(), tasks);
            stream.stop(); // returns once every event recorded so far has been handed to onEvent
        }
        return pinned.get();
    }

    /** The virtual thread scheduler's parallelism: its property when set, otherwise one carrier per processor. */
    static int carriers() {
        String configured = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        return configured == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(configured);
    }

    /** Tasks that each sleep while holding a lock of their own: a monitor, or a ReentrantLock. */
    private static List<Callable<Integer>> sleepersHolding(int tasks, Duration held, boolean reentrantLock) {
        List<Callable<Integer>> sleepers = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int id = i;
            if (reentrantLock) {
                ReentrantLock lock = new ReentrantLock();
                sleepers.add(() -> {
                    lock.lock();
                    try {
                        Thread.sleep(held);
                    } finally {
                        lock.unlock();
                    }
                    return id;
                });
            } else {
                Object monitor = new Object();
                sleepers.add(() -> {
                    synchronized (monitor) {
                        Thread.sleep(held);
                    }
                    return id;
                });
            }
        }
        return sleepers;
    }

    /** Submits all tasks, waits for all results, closes the executor; returns the wall seconds. */
    private static <T> double timeAll(ExecutorService executor, List<Callable<T>> tasks) throws Exception {
        try (executor) {
            Stopwatch wall = Stopwatch.start();
            for (Future<T> future : executor.invokeAll(tasks, Timeouts.seconds(300).toNanos(), TimeUnit.NANOSECONDS)) {
                future.get();
            }
            return wall.seconds();
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run virtual-threads          (--quick: 0.2 ms sleeps instead of 2 ms)
 *
 * What a run shows: the block `<!-- observed virtual-threads -->` in this module's README.md, which
 * `./concurrency-lab observed virtual-threads` rewrites from a real run on the reader's machine.
 *
 * The pool can only have two sleeps in progress at a time, so it needs tasks x sleep / 2; the
 * virtual threads all sleep at once. For CPU-bound tasks the two take the same time.
 */
