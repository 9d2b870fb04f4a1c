package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Exercise 06, solved: one future per input, read back in the inputs' order; get() rethrows f's exception as the cause. */
public final class Solution06OrderedMap implements Threads.OrderedMap {

    @Override
    public <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<R>> futures = new ArrayList<>();
            for (T input : inputs) {
                futures.add(pool.submit(() -> f.apply(input)));
            }
            List<R> results = new ArrayList<>();
            for (Future<R> future : futures) {
                results.add(future.get());
            }
            return results;
        }
    }
}
