package dev.concurrencylab.core.work;

import dev.concurrencylab.core.gil.Interpreter;

import java.util.SplittableRandom;

/**
 * Memory-bound work: the notebooks' {@code np.random.rand(n)}, an array of {@code n} random
 * doubles. Much of its time goes to writing memory, so on a machine with little memory bandwidth
 * even truly parallel threads speed it up less than pure arithmetic.
 */
public final class MemoryWork {

    private static final int TICK_EVERY = 1024;

    private MemoryWork() {}

    /**
     * Fills a new array of {@code n} doubles from a seeded generator and returns their sum (the
     * checksum). Each thread should pass its own seed: {@link SplittableRandom} is not shared.
     */
    public static double randomArraySum(int n, long seed, Interpreter interpreter) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextDouble();
            if (i % TICK_EVERY == 0) {
                interpreter.tick();
            }
        }
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
