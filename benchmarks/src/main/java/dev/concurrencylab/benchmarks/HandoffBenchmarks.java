package dev.concurrencylab.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Handing an item to another thread and getting it back: the benchmark thread puts into one
 * queue, an echo thread takes it and puts it into another, the benchmark thread takes it. One
 * operation is two hand-offs. (A ping-pong rather than a producer group and a consumer group,
 * which can leave one side blocked for ever when JMH stops the other at an iteration's end.)
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HandoffBenchmarks {

    private static final Integer ITEM = 42;

    @Param({"ArrayBlockingQueue", "LinkedBlockingQueue", "LinkedTransferQueue", "SynchronousQueue"})
    public String queue;

    private BlockingQueue<Integer> there;
    private BlockingQueue<Integer> back;
    private Thread echo;

    @Setup
    public void startEcho() {
        there = newQueue();
        back = newQueue();
        echo = Thread.ofPlatform().name("echo").daemon().start(() -> {
            try {
                while (true) {
                    back.put(there.take());
                }
            } catch (InterruptedException stop) {
                // torn down
            }
        });
    }

    private BlockingQueue<Integer> newQueue() {
        return switch (queue) {
            case "ArrayBlockingQueue" -> new ArrayBlockingQueue<>(16);
            case "LinkedBlockingQueue" -> new LinkedBlockingQueue<>();
            case "LinkedTransferQueue" -> new LinkedTransferQueue<>();
            case "SynchronousQueue" -> new SynchronousQueue<>();
            default -> throw new IllegalArgumentException("unknown queue " + queue);
        };
    }

    @Benchmark
    public Integer roundTrip() throws InterruptedException {
        there.put(ITEM);
        return back.take();
    }

    @TearDown
    public void stopEcho() throws InterruptedException {
        echo.interrupt();
        echo.join(TimeUnit.SECONDS.toMillis(10));
    }
}
