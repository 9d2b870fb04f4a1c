package dev.concurrencylab.core.work;

/**
 * A place to put results so that the JIT must compute them, in the spirit of JMH's
 * {@code Blackhole}: the value is mixed into a volatile field that anything might read.
 */
public final class Blackhole {

    private static volatile long sink;

    private Blackhole() {}

    public static void consume(long value) {
        sink ^= value;
    }

    public static void consume(double value) {
        sink ^= Double.doubleToRawLongBits(value);
    }
}
