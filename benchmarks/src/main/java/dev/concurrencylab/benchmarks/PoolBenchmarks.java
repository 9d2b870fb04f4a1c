package dev.concurrencylab.benchmarks;

import dev.concurrencylab.process.ProcessPoolLesson;
import dev.concurrencylab.process.pool.ProcessPool;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Notebook 003's Pool(n).map(f, range(1024)) with a trivial f, on worker JVMs started once:
 * the cost per task of shipping it out and its result back, in default chunks (microseconds).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class PoolBenchmarks {

    private static final int TASKS = 1024;
    private static final List<Integer> INPUTS = IntStream.range(0, TASKS).boxed().toList();

    private ProcessPool pool;

    @Setup
    public void start() throws IOException {
        pool = ProcessPool.start(Runtime.getRuntime().availableProcessors());
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public List<Integer> mapTrivialTasks() throws IOException {
        return pool.map(ProcessPoolLesson.Identity.class, INPUTS);
    }

    @TearDown
    public void stop() {
        pool.close();
    }
}
