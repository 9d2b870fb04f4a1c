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
     * The fill as CPython threads run the notebook's {@code np.random.rand(n)}: NumPy lets go of
     * the GIL while it fills, but every call draws from the one global generator (a legacy
     * {@code RandomState}), whose lock it holds for the whole fill. So the threads take turns on
     * {@code generatorLock}, not on the GIL. (With one {@code np.random.default_rng()} per
     * thread they would not.) The sum is the same as {@link #randomArraySum}'s for the same seed.
     */
    public static double randomArraySumFromSharedGenerator(int n, long seed, Interpreter interpreter, Object generatorLock)
            throws InterruptedException {
        double[] sum = new double[1];
        interpreter.blocking(() -> {
            synchronized (generatorLock) {
                sum[0] = randomArraySum(n, seed, Interpreter.FREE_THREADED);
            }
        });
        return sum[0];
    }

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
