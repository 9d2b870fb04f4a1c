package dev.concurrencylab.core.measure;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Wall-clock time of a block, the Java counterpart of the notebooks' {@code DecoTimer}.
 *
 * <pre>{@code
 * try (Stopwatch timer = Stopwatch.announce("Single thread", out)) {
 *     calcSquare(numbers);
 * }   // prints "<<< Single thread: 1.603 s"
 * }</pre>
 *
 * <p>Uses {@link System#nanoTime()}, which never jumps with the wall clock.
 */
public final class Stopwatch implements AutoCloseable {

    private final long startNanos = System.nanoTime();
    private final String label;
    private final PrintStream out;
    private long stopNanos;

    private Stopwatch(String label, PrintStream out) {
        this.label = label;
        this.out = out;
    }

    /** Starts a silent stopwatch. */
    public static Stopwatch start() {
        return new Stopwatch(null, null);
    }

    /** Starts a stopwatch that prints its label now and the elapsed time when closed. */
    public static Stopwatch announce(String label, PrintStream out) {
        out.println(">>> " + label);
        return new Stopwatch(label, out);
    }

    /** Time since start, or until {@link #close()} once closed. */
    public Duration elapsed() {
        long end = stopNanos != 0 ? stopNanos : System.nanoTime();
        return Duration.ofNanos(end - startNanos);
    }

    public double seconds() {
        return elapsed().toNanos() / 1e9;
    }

    @Override
    public void close() {
        if (stopNanos == 0) {
            stopNanos = System.nanoTime();
            if (out != null) {
                out.printf("<<< %s: %.3f s%n", label, seconds());
            }
        }
    }
}
