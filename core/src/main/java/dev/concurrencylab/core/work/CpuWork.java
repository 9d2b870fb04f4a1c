package dev.concurrencylab.core.work;

import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.measure.CpuTime;

import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * CPU-bound work whose result the JIT cannot throw away.
 *
 * <p>The notebooks count down ({@code while n > 0: n -= 1}). In Java that loop would be deleted:
 * the JIT sees that only the final {@code n == 0} matters. So every step here also advances a
 * xorshift generator, a chain of dependent operations that no compiler can shortcut, and the
 * generator's last state is returned as a checksum. One step costs about a nanosecond.
 *
 * <p>Every loop calls {@link Interpreter#tick()} once per step, as CPython checks for a pending
 * thread switch on every loop back-edge, and gives up with a {@link CancellationException} when its
 * thread is interrupted (checked every {@value #INTERRUPT_CHECK_MASK} + 1 steps).
 */
public final class CpuWork {

    private static final long INTERRUPT_CHECK_MASK = (1 << 20) - 1;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private CpuWork() {}

    /** The notebook's countdown: {@code steps} dependent steps. Returns a checksum. */
    public static long countdown(long steps, Interpreter interpreter) {
        long x = SEED;
        for (long n = steps; n > 0; n--) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            interpreter.tick();
            if ((n & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                throw new CancellationException("countdown interrupted with " + n + " steps to go");
            }
        }
        return x;
    }

    /** {@link #countdown(long, Interpreter)} on the plain JVM. */
    public static long countdown(long steps) {
        return countdown(steps, Interpreter.FREE_THREADED);
    }

    /**
     * Burns a budget of this thread's CPU time (not wall time: a descheduled thread does not
     * count), as OpenJDK's {@code JavaChild cpuloop} does. This makes work comparable across
     * machines of different speeds. Returns a checksum.
     */
    public static long burn(Duration cpuBudget) {
        long start = CpuTime.currentThreadNanos();
        if (start < 0) {
            throw new UnsupportedOperationException("this thread cannot measure its CPU time");
        }
        long x = SEED;
        long end = start + cpuBudget.toNanos();
        while (CpuTime.currentThreadNanos() < end) {
            x ^= countdown(100_000);
        }
        return x;
    }

    /**
     * How many countdown steps take about {@code target} on this machine, measured on the
     * calling thread after a warm-up so that the JIT has compiled the loop.
     */
    public static long stepsFor(Duration target) {
        countdown(20_000_000); // warm-up: get the loop compiled
        long probe = 20_000_000;
        long start = System.nanoTime();
        long checksum = countdown(probe);
        long elapsed = Math.max(1, System.nanoTime() - start);
        Blackhole.consume(checksum);
        return Math.max(1, (long) ((double) probe * target.toNanos() / elapsed));
    }

    /**
     * The notebook's {@code calc_square}/{@code calc_cube} without the sleep: for each number,
     * {@code stepsPerNumber} steps of busy work, then its {@code power}-th power. Returns the
     * powers in input order.
     */
    public static long[] powers(int[] numbers, int power, long stepsPerNumber, Interpreter interpreter) {
        long[] result = new long[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            Blackhole.consume(countdown(stepsPerNumber, interpreter));
            long value = 1;
            for (int p = 0; p < power; p++) {
                value *= numbers[i];
            }
            result[i] = value;
        }
        return result;
    }
}
