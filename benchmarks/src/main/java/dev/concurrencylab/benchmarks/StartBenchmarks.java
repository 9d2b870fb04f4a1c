package dev.concurrencylab.benchmarks;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.process.pool.ProcessPool;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What it costs to get a worker: a platform thread, a virtual thread (each started and joined),
 * a bare child JVM that says hello and exits (DESIGN.md's yardstick), and a process-pool worker
 * from launch until it is ready for tasks.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class StartBenchmarks {

    private static final Runnable NOTHING = () -> { };

    private ProcessPool pool;

    @Benchmark
    public void platformThreadStartAndJoin() throws InterruptedException {
        Thread.ofPlatform().start(NOTHING).join();
    }

    @Benchmark
    public void virtualThreadStartAndJoin() throws InterruptedException {
        Thread.ofVirtual().start(NOTHING).join();
    }

    @Benchmark
    public int bareChildJvmHello() {
        try (ChildJvm child = ChildJvm.builder(Hello.class).name("hello").timeout(Timeouts.seconds(60)).start()) {
            return child.waitFor(Timeouts.seconds(60));
        }
    }

    @Benchmark
    public void poolWorkerToReady() throws IOException {
        pool = ProcessPool.start(1); // returns once the worker said ready; closed outside the timing
    }

    @TearDown(Level.Invocation)
    public void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    /** The smallest child: says hello and exits. */
    public static final class Hello {
        public static void main(String[] args) {
            ChildSide.sayReady();
        }
    }
}
