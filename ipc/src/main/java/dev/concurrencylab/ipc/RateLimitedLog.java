package dev.concurrencylab.ipc;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A log of one cause that writes at most a few lines per interval and counts the rest: a failure
 * that repeats a million times a second (accept() with no file descriptors left, clients that
 * connect and leave in a loop) costs a few lines a second, and the next line written says how
 * many were not. {@link #flush} writes that count on its own once the interval has passed, so a
 * burst that stops is still summed up.
 */
final class RateLimitedLog {

    private final Consumer<String> log;
    private final long intervalNanos;
    private final int linesPerInterval;
    private final String cause;
    private final LongSupplier clock;
    private long windowStartNanos; // guarded by this
    private int linesInWindow; // guarded by this
    private boolean anyLine; // guarded by this
    private long suppressed; // guarded by this

    /**
     * @param linesPerInterval lines written in one interval before the rest are only counted
     * @param cause            what the lines are about, for the line that sums a burst up ("dropped clients")
     */
    RateLimitedLog(Consumer<String> log, Duration interval, int linesPerInterval, String cause, LongSupplier clock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.linesPerInterval = linesPerInterval;
        this.cause = cause;
        this.clock = clock;
    }

    RateLimitedLog(Consumer<String> log, Duration interval, int linesPerInterval, String cause) {
        this(log, interval, linesPerInterval, cause, System::nanoTime);
    }

    /** Writes the line if this interval has room for it; otherwise counts it. */
    synchronized void log(String line) {
        long now = clock.getAsLong();
        if (!anyLine || now - windowStartNanos >= intervalNanos) {
            windowStartNanos = now;
            linesInWindow = 0;
            anyLine = true;
        }
        if (linesInWindow >= linesPerInterval) {
            suppressed++;
            return;
        }
        log.accept(suppressed == 0 ? line : line + " (and " + suppressed + " more like it not written before it)");
        suppressed = 0;
        linesInWindow++;
    }

    /** Writes how many lines were counted and not written, if any were and their interval is over. */
    synchronized void flush() {
        long now = clock.getAsLong();
        if (suppressed > 0 && now - windowStartNanos >= intervalNanos) {
            log.accept(suppressed + " more " + cause + " in the last " + Math.max(1, (now - windowStartNanos) / 1_000_000) + " ms, not written one by one");
            suppressed = 0;
            windowStartNanos = now;
            linesInWindow = 1;
        }
    }
}
