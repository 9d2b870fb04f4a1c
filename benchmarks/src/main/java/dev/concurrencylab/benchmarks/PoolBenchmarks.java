package dev.concurrencylab.benchmarks;

import dev.concurrencylab.ipc.ChildLink;
import dev.concurrencylab.process.ProcessPoolLesson;
import dev.concurrencylab.process.pool.ProcessPool;
import dev.concurrencylab.process.support.PoolYardsticks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Notebook 003's Pool(n).map(f, range(1024)) with a trivial f, in Python's default chunks, on
 * worker JVMs started once and on as many threads, per task; and what one map of one item costs
 * against a bare round trip over a pipe to a child JVM, the floor any process pool stands on
 * (microseconds). The targets: the thread pool at most 0.2x the process pool per task, and a
 * one-item map at most 1.2 bare round trips.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PoolBenchmarks {

    private static final int TASKS = 1024;
    private static final List<Integer> INPUTS = IntStream.range(0, TASKS).boxed().toList();
    private static final List<Integer> ONE_INPUT = List.of(7);
    private static final ProcessPoolLesson.Identity IDENTITY = new ProcessPoolLesson.Identity();
    private static final byte[] ONE_ITEM_FRAME = new byte[PoolYardsticks.ONE_ITEM_FRAME_BYTES];

    private ProcessPool pool;
    private ProcessPool oneWorker;
    private ExecutorService threads;
    private ChildLink echo;

    @Setup
    public void start() throws IOException {
        int size = Runtime.getRuntime().availableProcessors();
        pool = ProcessPool.start(size);
        oneWorker = ProcessPool.start(1);
        threads = Executors.newFixedThreadPool(size);
        echo = ChildLink.open(ChildLink.Kind.PIPE, "echo");
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<Integer> mapTrivialTasks() throws IOException {
        return pool.map(ProcessPoolLesson.Identity.class, INPUTS);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<Integer> mapTrivialTasksOnThreadsChunked() throws Exception {
        return PoolYardsticks.mapOnThreads(threads, IDENTITY, INPUTS, pool.defaultChunksize(TASKS));
    }

    @Benchmark
    public List<Integer> mapOneItem() throws IOException {
        return oneWorker.map(ProcessPoolLesson.Identity.class, ONE_INPUT);
    }

    @Benchmark
    public byte[] bareRoundTripOverAPipe() throws IOException {
        return echo.roundTrip(ONE_ITEM_FRAME);
    }

    @TearDown
    public void stop() throws IOException {
        pool.close();
        oneWorker.close();
        threads.shutdownNow();
        echo.close();
    }
}
