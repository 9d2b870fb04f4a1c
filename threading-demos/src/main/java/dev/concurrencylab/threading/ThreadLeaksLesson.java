package dev.concurrencylab.threading;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.threading.support.DaemonDemo;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/*
 * Lesson thread-leaks: "be careful with memory leaks", in Java terms.
 *
 * Mirrors notebook 001, which warns about memory leaks among the disadvantages of threads, and
 * explains them through CPython's reference counting. The JVM has a tracing garbage collector, so
 * a leak there is never a miscounted reference: it is something still *reachable* that nobody
 * needs. Threads are a classic source of such reachability, in two ways shown here.
 *
 * 1. A thread is a GC root while it runs. A forgotten non-daemon thread keeps everything it
 *    references alive, and keeps the whole JVM from exiting (shown in a child JVM).
 * 2. A ThreadLocal's value lives in the thread's own map. In a pool the thread never ends, so a
 *    value set by one task stays reachable after the task, until someone calls remove().
 */
@LessonCard(id = "thread-leaks", place = "1.12", notebooks = "001",
        title = "Thread leaks: a non-daemon thread keeps the JVM alive; a ThreadLocal in a pool keeps its value",
        keys = {"leaked_bytes_retained", "jvm_kept_alive"})
public final class ThreadLeaksLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ThreadLeaksLesson(), args);
    }

    static final int BUFFER_BYTES = 16 * 1024 * 1024;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("non_daemon_let_jvm_exit", "a JVM exited under a waiting non-daemon thread",
                        seen -> !seen.flag("jvm_kept_alive")),
                Outcome.forbidden("remove_did_not_release", "the buffer stayed reachable after ThreadLocal.remove()",
                        seen -> !seen.flag("released_after_remove")),
                Outcome.forbidden("pool_thread_let_go", "a pool thread's ThreadLocal value was collected while the thread lived",
                        seen -> seen.number("leaked_bytes_retained") == 0));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();

        /* Part 1: the JVM waits for its non-daemon threads (the child JVM demo of thread-basics). */
        boolean keptAlive = DaemonDemo.userThreadRunsAfterMain();
        context.say("a child JVM whose main() returned was kept alive by a non-daemon thread: %s", keptAlive);

        /*
         * Part 2: a task on a single-thread pool puts a 16 MiB buffer in a ThreadLocal and ends.
         * We keep only a weak reference to the buffer: if nothing else referred to it, the GC
         * would clear it. Several full collections later it is still there, reachable from the
         * pool thread's ThreadLocal map. Then a task calls remove(), and the next collection
         * clears it.
         */
        ThreadLocal<byte[]> scratch = new ThreadLocal<>();
        boolean retained;
        boolean released;
        try (ExecutorService pool = Executors.newSingleThreadExecutor()) {
            WeakReference<byte[]> buffer = pool.submit(() -> {
                byte[] bytes = new byte[BUFFER_BYTES];
                scratch.set(bytes);
                return new WeakReference<>(bytes);
            }).get();
            retained = !collectedWithin(buffer, 3);
            context.say("after the task ended and 3 full GCs: the 16 MiB buffer is still reachable: %s", retained);

            pool.submit(scratch::remove).get();
            released = collectedWithin(buffer, 50);
            context.say("after a task called remove(): the buffer was collected: %s", released);
        }

        seen.put("jvm_kept_alive", keptAlive, "a non-daemon thread kept a child JVM running after main() returned")
                .put("leaked_bytes_retained", retained ? BUFFER_BYTES : 0,
                        "bytes a finished task left reachable through a pool thread's ThreadLocal")
                .put("released_after_remove", released, "ThreadLocal.remove() made the buffer collectable");
        return seen.conclude(String.format("non-daemon thread kept the JVM alive: %s; %d MiB held by a pool thread's ThreadLocal until remove()",
                keptAlive, (retained ? BUFFER_BYTES : 0) >> 20));
    }

    /**
     * Asks for up to {@code collections} full GCs and says whether the referent went. System.gc()
     * is a request; on a JVM started with -XX:+DisableExplicitGC nothing is ever collected here,
     * and the lesson reports "not released" rather than guessing.
     */
    private static boolean collectedWithin(WeakReference<?> reference, int collections) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.seconds(20).toNanos();
        for (int i = 0; i < collections && System.nanoTime() < deadline; i++) {
            if (reference.get() == null) {
                return true;
            }
            System.gc();
            Thread.sleep(Duration.ofMillis(10)); // let reference processing run; not a synchronisation
        }
        return reference.get() == null;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run thread-leaks
 *
 * What a run shows: the block `<!-- observed thread-leaks -->` in this module's README.md, which
 * `./concurrency-lab observed thread-leaks` rewrites from a real run on the reader's machine.
 */
