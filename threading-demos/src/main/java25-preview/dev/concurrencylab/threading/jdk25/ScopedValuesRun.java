package dev.concurrencylab.threading.jdk25;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.LessonBody;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The run of the scoped-values lesson: {@link ScopedValue} (final in JDK 25) against
 * {@link ThreadLocal}, on a pool where threads outlive their tasks, and on many virtual threads
 * forked in a {@link StructuredTaskScope} (a JDK 25 preview API, which is why this class is in
 * the preview source set).
 */
public final class ScopedValuesRun implements LessonBody {

    /** What a request handler wants every method it calls to see, without passing it along. */
    record Request(long id, byte[] payload) {}

    static final ScopedValue<Request> CURRENT = ScopedValue.newInstance();
    static final ThreadLocal<Request> CURRENT_LOCAL = new ThreadLocal<>();
    static final InheritableThreadLocal<Request> CURRENT_INHERITED = new InheritableThreadLocal<>();

    static final int REQUESTS = 200;
    static final int PAYLOAD_BYTES = 64 * 1024;
    /** A generous guess of the heap one parked virtual thread with a copied thread-local map needs. */
    static final long HEAP_PER_THREAD_GUESS = 2 * 1024; // measured here: about 1.1 KiB

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();

        /*
         * 1. Requests on a pool of two platform threads, which live on after each request. A
         * ThreadLocal set by one request and never removed is seen by the next request on the
         * same thread, and keeps its payload reachable after the last one. A ScopedValue is bound
         * for the extent of one call and unbound when it returns.
         */
        PoolRun local = onAPool(() -> {
            boolean stale = CURRENT_LOCAL.get() != null;
            Request request = newRequest();
            CURRENT_LOCAL.set(request); // and, as so often, no remove()
            handle(CURRENT_LOCAL.get());
            return new Handled(stale, new WeakReference<>(request));
        });
        PoolRun scoped = onAPool(() -> {
            boolean stale = CURRENT.isBound();
            Request request = newRequest();
            ScopedValue.where(CURRENT, request).run(() -> handle(CURRENT.get()));
            return new Handled(stale, new WeakReference<>(request));
        });
        context.say("%d requests on a pool of 2 threads: a request saw the previous one's value %d times with a ThreadLocal, "
                + "%d times with a ScopedValue; after the last, %d payloads stayed reachable (ThreadLocal) and %d (ScopedValue)",
                REQUESTS, local.stale(), scoped.stale(), local.retained(), scoped.retained());

        /*
         * 2. One request fans out to many virtual threads (one subtask each), parked together.
         * An InheritableThreadLocal is copied into a map of each new thread's own when the thread
         * is created, whether or not it ever reads it; a ScopedValue binding is shared by every
         * subtask of the scope. Heap is measured after a full GC while all of them wait, against
         * the same threads with nothing to inherit; after a warm-up, rounds interleave the five
         * ways (three rounds in a quick run, whose fewer threads measure less steadily), and
         * each figure is the median.
         */
        int threads = threadsThatFit(context.size(20_000, 1_000_000), context);
        int rounds = context.size(3, 1); // a million threads measure a few bytes each steadily enough in one round
        Request request = newRequest();
        fanOut(threads, () -> true); // warm-up: the first fan-out's heap is not comparable
        List<Long> nothing = new ArrayList<>();
        List<Long> inheritedUnread = new ArrayList<>();
        List<Long> scopedUnread = new ArrayList<>();
        List<Long> inheritedRead = new ArrayList<>();
        List<Long> scopedRead = new ArrayList<>();
        long inheritedSeen = Long.MAX_VALUE;
        long scopedSeen = Long.MAX_VALUE;
        long aliveAfter = 0;
        for (int round = 0; round < rounds; round++) {
            Fanout bare = fanOut(threads, () -> true);
            CURRENT_INHERITED.set(request);
            Fanout copiedUnread;
            Fanout copiedRead;
            try {
                copiedUnread = fanOut(threads, () -> true);
                copiedRead = fanOut(threads, () -> CURRENT_INHERITED.get() == request);
            } finally {
                CURRENT_INHERITED.remove();
            }
            Fanout boundUnread = ScopedValue.where(CURRENT, request).call(() -> fanOut(threads, () -> true));
            Fanout boundRead = ScopedValue.where(CURRENT, request).call(() -> fanOut(threads, () -> CURRENT.get() == request));
            nothing.add(bare.heapBytes());
            inheritedUnread.add((copiedUnread.heapBytes() - bare.heapBytes()) / threads);
            inheritedRead.add((copiedRead.heapBytes() - bare.heapBytes()) / threads);
            scopedUnread.add((boundUnread.heapBytes() - bare.heapBytes()) / threads);
            scopedRead.add((boundRead.heapBytes() - bare.heapBytes()) / threads);
            inheritedSeen = Math.min(inheritedSeen, copiedRead.sawIt());
            scopedSeen = Math.min(scopedSeen, boundRead.sawIt());
            aliveAfter += bare.aliveAfter() + copiedUnread.aliveAfter() + copiedRead.aliveAfter() + boundUnread.aliveAfter()
                    + boundRead.aliveAfter();
        }
        boolean boundAfter = CURRENT.isBound();
        long inheritedUnreadBytes = median(inheritedUnread);
        long scopedUnreadBytes = median(scopedUnread);
        long inheritedReadBytes = median(inheritedRead);
        long scopedReadBytes = median(scopedRead);
        context.say("%,d virtual threads forked in one scope and parked, %d round(s): every round, the value was seen by at least "
                        + "%,d of them through an InheritableThreadLocal and %,d through a ScopedValue", threads, rounds,
                inheritedSeen, scopedSeen);
        context.say("heap per parked thread beyond a thread that inherits nothing (median of the rounds; a bare one held %,d bytes): "
                + "threads that never read it: %,d with the InheritableThreadLocal, %,d with the ScopedValue; threads that read "
                + "it: %,d and %,d", median(nothing) / threads, inheritedUnreadBytes, scopedUnreadBytes, inheritedReadBytes,
                scopedReadBytes);
        context.say("the inherited map is copied when a thread is created, read or not; a ScopedValue costs a thread something "
                + "only once it reads one (a small per-thread cache of lookups that the JDK keeps)");
        context.say("after the scopes: the ScopedValue is bound in the parent: %s; subtask threads alive: %d", boundAfter, aliveAfter);

        return seen.put("requests", REQUESTS, "requests handled on the pool of two platform threads, each way")
                .put("thread_local_stale_reads", local.stale(), "requests that found the previous request's ThreadLocal value")
                .put("scoped_value_stale_reads", scoped.stale(), "requests that found a ScopedValue already bound")
                .put("thread_local_retained_requests", local.retained(), "requests still reachable after the last one (ThreadLocal, no remove())")
                .put("scoped_value_retained_requests", scoped.retained(), "requests still reachable after the last one (ScopedValue)")
                .put("gc_ran", local.collected() && scoped.collected(), "the full GCs asked for ran (else nothing is collected and the counts above say nothing)")
                .put("threads", threads, "virtual threads forked and parked together, each way")
                .put("inherited_seen_by", inheritedSeen, "subtasks that saw the parent's InheritableThreadLocal value (fewest of the rounds)")
                .put("scoped_value_seen_by", scopedSeen, "subtasks that saw the parent's ScopedValue binding (fewest of the rounds)")
                .put("inherited_unread_bytes_per_thread", inheritedUnreadBytes,
                        "heap per parked thread that never reads it, InheritableThreadLocal (median)")
                .put("scoped_value_unread_bytes_per_thread", scopedUnreadBytes,
                        "heap per parked thread that never reads it, ScopedValue (median; a few bytes either side of 0 is noise)")
                .put("inherited_read_bytes_per_thread", inheritedReadBytes, "heap per parked thread that read it, InheritableThreadLocal (median)")
                .put("scoped_value_read_bytes_per_thread", scopedReadBytes, "heap per parked thread that read it, ScopedValue (median)")
                .put("bound_after_scope", boundAfter, "the ScopedValue was still bound in the parent after its call returned")
                .put("alive_after_scope", aliveAfter, "subtask threads alive after their scopes closed")
                .conclude(String.format("ThreadLocal on a pool: %d stale reads, %d requests kept; ScopedValue: %d and %d; "
                                + "%,d threads that never read it: %,d bytes each inherited, %,d bound", local.stale(), local.retained(),
                        scoped.stale(), scoped.retained(), threads, inheritedUnreadBytes, scopedUnreadBytes));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Request newRequest() {
        return new Request(System.nanoTime(), new byte[PAYLOAD_BYTES]);
    }

    /** The handler's work: it reads the request it was given through the context. */
    private static void handle(Request request) {
        if (request == null || request.payload().length != PAYLOAD_BYTES) {
            throw new IllegalStateException("the handler did not see its request");
        }
    }

    record Handled(boolean stale, WeakReference<Request> request) {}

    /** @param collected whether the GCs asked for ran (a control object became unreachable and went): else {@code retained} says nothing */
    record PoolRun(long stale, long retained, boolean collected) {}

    /** Runs {@link #REQUESTS} requests on two pool threads; counts stale reads, then requests still reachable. */
    private static PoolRun onAPool(java.util.concurrent.Callable<Handled> request) throws Exception {
        List<Handled> handled = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < REQUESTS; i++) {
                handled.add(pool.submit(request).get());
            }
            long stale = handled.stream().filter(Handled::stale).count();
            // The pool still lives: what its threads hold is what a server's pool would hold.
            WeakReference<Object> control = new WeakReference<>(new byte[PAYLOAD_BYTES]);
            for (int gc = 0; gc < 3; gc++) {
                System.gc(); // a request: -XX:+DisableExplicitGC ignores it, and the control shows that
            }
            long retained = handled.stream().filter(h -> h.request().get() != null).count();
            return new PoolRun(stale, retained, control.get() == null);
        }
    }

    record Fanout(long sawIt, long heapBytes, long aliveAfter) {}

    /**
     * Forks {@code threads} subtasks in one scope, waits until all are parked, measures the heap,
     * lets them go, and joins them; each checks {@code sees} and counts itself when it holds.
     */
    private static Fanout fanOut(int threads, Supplier<Boolean> sees) throws InterruptedException {
        CountDownLatch parked = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong sawIt = new AtomicLong();
        Duration bound = Timeouts.seconds(120);
        List<Thread> made = new ArrayList<>();
        long heap;
        try (var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.<Object>awaitAllSuccessfulOrThrow(),
                c -> c.withThreadFactory(task -> {
                    Thread thread = Thread.ofVirtual().unstarted(task);
                    made.add(thread); // the scope forks from this thread only
                    return thread;
                }))) {
            for (int i = 0; i < threads; i++) {
                scope.fork(() -> {
                    if (sees.get()) {
                        sawIt.incrementAndGet();
                    }
                    parked.countDown();
                    if (!go.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("not released within " + bound.toSeconds() + " s");
                    }
                    return null;
                });
            }
            if (!parked.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(parked.getCount() + " of " + threads + " subtasks did not start within "
                        + bound.toSeconds() + " s");
            }
            heap = heapAfterGc();
            go.countDown();
            scope.join();
        }
        return new Fanout(sawIt.get(), heap, made.stream().filter(Thread::isAlive).count());
    }

    /** Fewer threads than asked when the heap is too small for them, and the lesson says so. */
    private static int threadsThatFit(int wanted, LessonContext context) {
        long fit = Runtime.getRuntime().maxMemory() / 2 / HEAP_PER_THREAD_GUESS;
        if (fit >= wanted) {
            return wanted;
        }
        int threads = (int) Math.max(1_000, fit);
        context.say("this JVM's heap (%,d MiB) is too small for %,d parked threads; using %,d (more with -Xmx)",
                Runtime.getRuntime().maxMemory() >> 20, wanted, threads);
        return threads;
    }

    private static long heapAfterGc() {
        for (int gc = 0; gc < 2; gc++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
