package dev.concurrencylab.process.support;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.ChildLink;
import dev.concurrencylab.process.pool.PoolTask;
import dev.concurrencylab.process.pool.ProcessPool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** What the process pool is measured against: the same map on threads, and a bare round trip to a child JVM. */
public final class PoolYardsticks {

    /** The bare round trip's frame: about a one-item chunk's frame (its task's class name is most of it). */
    public static final int ONE_ITEM_FRAME_BYTES = 64;

    private PoolYardsticks() {}

    /** The same map on threads: one task per chunk of {@code chunksize} inputs, results joined in input order. */
    public static <I, O> List<O> mapOnThreads(ExecutorService threads, PoolTask<I, O> f, List<I> inputs, int chunksize)
            throws Exception {
        List<Callable<List<O>>> chunks = new ArrayList<>();
        for (int start = 0; start < inputs.size(); start += chunksize) {
            List<I> chunk = inputs.subList(start, Math.min(inputs.size(), start + chunksize));
            chunks.add(() -> {
                List<O> outputs = new ArrayList<>(chunk.size());
                for (I x : chunk) {
                    outputs.add(f.apply(x));
                }
                return outputs;
            });
        }
        List<O> results = new ArrayList<>(inputs.size());
        for (Future<List<O>> chunk : threads.invokeAll(chunks, Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS)) {
            results.addAll(chunk.get());
        }
        return results;
    }

    /** Microseconds per one-item map, per bare round trip, and the first over the second, each round's figure. */
    public record OneItem(Summary map, Summary roundTrip, Summary ratio) {}

    /**
     * Maps of one item against bare round trips of a frame that size over a pipe to a child JVM
     * that only echoes it: {@code rounds} rounds of a block of {@code trips} of each, taking turns
     * at going first, after three blocks' worth of each untimed (the JIT's, on both sides).
     */
    public static <I, O> OneItem oneItemAgainstARoundTrip(ProcessPool pool, Class<? extends PoolTask<I, O>> task, I input,
                                                       int rounds, int trips) throws IOException {
        List<Double> maps = new ArrayList<>();
        List<Double> roundTrips = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<I> one = List.of(input);
        byte[] frame = new byte[ONE_ITEM_FRAME_BYTES];
        try (ChildLink echo = ChildLink.open(ChildLink.Kind.PIPE, "echo")) {
            for (int i = 0; i < 3 * trips; i++) {
                pool.map(task, one);
                echo.roundTrip(frame);
            }
            for (int round = 0; round < rounds; round++) {
                double[] block = new double[2];
                for (int turn = 0; turn < 2; turn++) {
                    boolean bare = (turn + round) % 2 == 1;
                    Stopwatch clock = Stopwatch.start();
                    for (int i = 0; i < trips; i++) {
                        if (bare) {
                            echo.roundTrip(frame);
                        } else {
                            pool.map(task, one);
                        }
                    }
                    block[bare ? 1 : 0] = clock.seconds() / trips * 1e6;
                }
                maps.add(block[0]);
                roundTrips.add(block[1]);
                ratios.add(block[0] / block[1]);
            }
        }
        return new OneItem(Summary.of(maps), Summary.of(roundTrips), Summary.of(ratios));
    }
}
