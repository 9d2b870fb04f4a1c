package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.StartupArchive;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * A pool of worker JVMs: the counterpart of Python's {@code multiprocessing.Pool}.
 *
 * <h2>Overview</h2>
 * {@link #start(int)} launches {@code n} {@link PoolWorker} JVMs and waits until each says ready.
 * {@link #map} cuts the inputs into chunks (by default as Python does: {@code ceil(len / (4 n))}),
 * and one dispatcher per worker takes chunks from a shared queue and sends each over the worker's
 * stdin, keeping two in its pipe: a worker that answers a chunk finds the next one waiting, and
 * never idles for the round trip between them. A reader thread per worker takes the answers from
 * its stdout as they come ({@link WorkerSlot}). The dispatchers are platform threads kept between
 * maps, and {@link #map} and {@link #run}, which wait for everything anyway, dispatch to the first
 * worker on the calling thread. Items are encoded straight into the chunk's frame and decoded in place.
 * Results come back in input order; {@link #imap} hands them out as soon as the chunks before
 * them are done.
 *
 * <p>Failures. A task that throws fails its map with a {@link TaskFailedException} (type,
 * message and the worker's stack trace); the other chunks still run, and the pool stays usable.
 * A worker that dies (say, {@code kill -9}, or a task that calls {@code System.exit}) is replaced
 * by a fresh one and the chunks it held are sent there again, in order: the one it was running is
 * run once more; if that fails too, the map fails with a
 * {@link WorkerDiedException} that says how the worker ended ("exited with code 3 while running
 * chunk 5"). So a task may run twice on one chunk, as with any retry. A chunk not answered within
 * its deadline (two minutes, scaled by the timeout factor, unless the builder sets another) has
 * its worker destroyed and fails the map, without a retry: it would hang again.
 * {@link #close()} stops every worker, gracefully first (stdin closed), then by force; during a
 * map, the map then fails.
 *
 * <p>Output. A task may print: a worker's {@code System.out} goes to its stderr, never into the
 * frames, and the pool hands each line a worker prints, in order, prefixed with the worker's name,
 * to the builder's {@code taskOutput} (the parent's stderr by default).
 *
 * <p>Start-up. A worker is a fresh JVM (a JVM cannot fork), so each pays a JVM start-up, the cost
 * Python's {@code spawn} pays for an interpreter. Workers use a dynamic AppCDS archive
 * ({@code -XX:+AutoCreateSharedArchive}) kept in an owner-only cache directory: the first workers
 * to exit write it, later ones map it and start faster.
 *
 * <p>Maps from several threads may run at once: their chunks take turns on each worker.
 */
public final class ProcessPool implements AutoCloseable {

    private final List<WorkerSlot> slots = new ArrayList<>();
    private final List<Duration> startups = new ArrayList<>();
    private volatile boolean closed;
    // The pool's threads (dispatchers, each slot's reader, the deadline watchdog) are platform
    // threads: they block in pipe writes and reads, which a virtual thread cannot do without holding
    // up its carrier. Dispatchers are kept between maps (starting one per map costs more than a task).
    // Each thread is kept as it is made, so that close() can join it: an executor reports termination
    // while its last thread is still on its way out, so awaiting termination is not a join.
    private final List<Thread> poolThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatchers;
    private final Consumer<String> taskOutput;
    private final Duration chunkDeadline;
    private final CountDownLatch closing = new CountDownLatch(1);

    ProcessPool(ProcessPoolBuilder settings) throws IOException {
        Runnable dispatcherThreadEnding = settings.dispatcherThreadEnding;
        this.taskOutput = settings.taskOutput;
        this.chunkDeadline = settings.chunkDeadline;
        ThreadFactory dispatcherFactory = Thread.ofPlatform().daemon().name("pool-dispatcher-", 0).factory();
        dispatchers = Executors.newCachedThreadPool(task -> kept(dispatcherFactory.newThread(() -> {
            try {
                task.run();
            } finally {
                dispatcherThreadEnding.run();
            }
        })));
        List<WorkerJvm> launched = new ArrayList<>();
        try {
            for (int i = 0; i < settings.size; i++) {
                launched.add(launch(i));
            }
            for (int i = 0; i < launched.size(); i++) {
                startups.add(launched.get(i).awaitReady());
                slots.add(new WorkerSlot(this, i, launched.get(i)));
            }
            startThread("pool-deadlines", this::watchDeadlines); // after the slots are all in: it reads them unlocked
        } catch (IOException | RuntimeException e) {
            close();
            launched.forEach(worker -> worker.child.close());
            throw e;
        }
    }

    /** Starts {@code size} workers and waits until all are ready. */
    public static ProcessPool start(int size) throws IOException {
        return builder(size).start();
    }

    /** A pool of {@code size} workers, with its settings to choose before {@link ProcessPoolBuilder#start()}. */
    public static ProcessPoolBuilder builder(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a pool needs at least one worker, not " + size);
        }
        return new ProcessPoolBuilder(size);
    }

    WorkerJvm launch(int slot) {
        return WorkerJvm.launch(slot, StartupArchive.Kind.CDS, taskOutput);
    }

    /**
     * Launches one worker as a pool does, but with {@code archive} ({@link StartupArchive.Kind#NONE}:
     * a plain JVM of the same class path), and returns the time from launch to its ready frame;
     * the worker is then stopped as {@link #close()} stops one. For comparing start-ups.
     */
    public static Duration timeWorkerStart(StartupArchive.Kind archive) throws IOException {
        WorkerJvm worker = WorkerJvm.launch(0, archive, System.err::println);
        try {
            return worker.awaitReady();
        } finally {
            worker.stop(Timeouts.seconds(2));
        }
    }

    /** Python's default: {@code ceil(len / (4 × workers))}, at least 1. */
    public int defaultChunksize(int inputs) {
        return Math.max(1, (inputs + 4 * slots.size() - 1) / (4 * slots.size()));
    }

    public int size() {
        return slots.size();
    }

    /** The current workers' pids, in slot order. */
    public List<Long> pids() {
        return slots.stream().map(WorkerSlot::worker).filter(Objects::nonNull).map(worker -> worker.child.pid()).toList();
    }

    /** How many chunks are in slot {@code index}'s pipe or running there. */
    int inFlight(int index) {
        return slots.get(index).inFlight();
    }

    /** How long each first worker took from launch until it said ready. */
    public List<Duration> startups() {
        return List.copyOf(startups);
    }

    /** {@code task} on every input, results in input order. */
    public <I, O> List<O> map(Class<? extends PoolTask<I, O>> task, List<I> inputs) throws IOException {
        return map(task, inputs, defaultChunksize(inputs.size()));
    }

    public <I, O> List<O> map(Class<? extends PoolTask<I, O>> task, List<I> inputs, int chunksize) throws IOException {
        List<O> results = new ArrayList<>(inputs.size());
        submit(task, inputs, chunksize, true, true).forEachRemaining(results::add);
        return results;
    }

    /** {@code task} on every input for its effects only: no results cross back. */
    public <I, O> void run(Class<? extends PoolTask<I, O>> task, List<I> inputs) throws IOException {
        submit(task, inputs, defaultChunksize(inputs.size()), false, true).forEachRemaining(result -> { });
    }

    /** Results in input order, each available as soon as its chunk and every one before it are done. */
    public <I, O> Iterator<O> imap(Class<? extends PoolTask<I, O>> task, List<I> inputs, int chunksize) throws IOException {
        return submit(task, inputs, chunksize, true, false);
    }

    private <I, O> Iterator<O> submit(Class<? extends PoolTask<I, O>> taskClass, List<I> inputs, int chunksize,
                                      boolean wantResults, boolean callerDispatches) throws IOException {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        }
        if (closed) {
            throw new IOException("the pool is closed");
        }
        @SuppressWarnings("unchecked")
        PoolTask<I, O> task = (PoolTask<I, O>) TASKS.get(taskClass);
        List<Chunk> chunks = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += chunksize) {
            int id = chunks.size();
            List<I> items = inputs.subList(start, Math.min(inputs.size(), start + chunksize));
            chunks.add(new Chunk(id, start, PoolProtocol.chunk(id, wantResults, taskClass.getName(), task.input(), items)));
        }
        LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>(chunks);
        // map and run wait for every result anyway, so the calling thread sends the first worker
        // its chunks itself rather than wake a dispatcher to do it.
        int firstOthers = callerDispatches ? 1 : 0;
        try {
            for (WorkerSlot slot : slots.subList(firstOthers, slots.size())) {
                dispatchers.execute(() -> dispatch(slot, queue));
            }
        } catch (RejectedExecutionException e) {
            throw new IOException("the pool is closed");
        }
        if (callerDispatches) {
            dispatch(slots.getFirst(), queue);
        }
        return new MapResults<>(task, chunks);
    }

    /** One worker's dispatcher: sends it chunks from the queue, two at most in its pipe, until the queue is empty. */
    private static void dispatch(WorkerSlot slot, LinkedBlockingQueue<Chunk> queue) {
        while (slot.sendNext(queue)) {
            // the slot's reader hands each answer to its chunk
        }
    }

    boolean isClosed() {
        return closed;
    }

    static IllegalStateException closedDuringTheMap() {
        return new IllegalStateException("the pool was closed during the map");
    }

    String overdueMessage(Chunk chunk, WorkerJvm worker) {
        return "chunk " + chunk.id() + " did not finish within " + chunkDeadline.toSeconds() + " s on "
                + worker.child.name() + " (pid " + worker.child.pid() + "), which was destroyed; not tried again";
    }

    /** Every few moments, destroys the worker of each chunk that has run past its deadline (which fails the chunk). */
    private void watchDeadlines() {
        long deadline = chunkDeadline.toNanos();
        long period = Math.clamp(deadline / 20, TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.SECONDS.toNanos(1));
        try {
            while (!closing.await(period, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                slots.forEach(slot -> slot.destroyIfOverdue(now, deadline));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts one of the pool's own threads (a slot's reader, the deadline watchdog), kept so that close() can join it. */
    void startThread(String name, Runnable body) {
        kept(Thread.ofPlatform().daemon().name(name).unstarted(body)).start();
    }

    /** {@code thread}, among those close() joins (the ones that ended are let go). */
    private Thread kept(Thread thread) {
        poolThreads.removeIf(ended -> ended.getState() == Thread.State.TERMINATED);
        poolThreads.add(thread);
        return thread;
    }

    /** One instance per task class, for its codecs: made once, not once per map (reflection costs a few microseconds). */
    private static final ClassValue<Object> TASKS = new ClassValue<>() {
        @Override
        protected Object computeValue(Class<?> type) {
            return instantiate(type);
        }
    };

    private static <T> T instantiate(Class<T> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " needs a no-argument constructor: " + e, e);
        }
    }

    /** Stops every worker: stdin closed so that it can exit (and write the CDS archive), then destroyed. */
    @Override
    public void close() {
        closed = true;
        dispatchers.shutdown(); // each ends once its queue is empty, or on waking to find the pool closed (below)
        closing.countDown();
        slots.forEach(WorkerSlot::wakeSenders);
        List<WorkerJvm> current = slots.stream().map(WorkerSlot::worker).filter(Objects::nonNull).toList();
        current.forEach(WorkerJvm::closeInput);
        // Idle workers exit at once; one busy in a task cannot notice, and is destroyed after the grace.
        long deadline = System.nanoTime() + Timeouts.seconds(2).toNanos();
        for (WorkerJvm worker : current) {
            worker.awaitExitThenDestroy(deadline);
        }
        // Their workers are gone, so the readers' reads have ended: every thread joined, not left behind.
        long joinDeadline = System.nanoTime() + Timeouts.seconds(30).toNanos();
        try {
            for (Thread thread : poolThreads) {
                thread.join(Duration.ofNanos(Math.max(1, joinDeadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
