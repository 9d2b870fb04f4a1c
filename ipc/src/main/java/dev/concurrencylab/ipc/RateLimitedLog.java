package dev.concurrencylab.ipc;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A log that writes at most one line per interval and counts the rest: a failure that repeats a
 * million times a second (accept() with no file descriptors left) costs one line a second, which
 * says how many were not written.
 */
final class RateLimitedLog {

    private final Consumer<String> log;
    private final long intervalNanos;
    private final LongSupplier clock;
    private long lastLineNanos; // guarded by this
    private boolean anyLine; // guarded by this
    private long suppressed; // guarded by this

    RateLimitedLog(Consumer<String> log, Duration interval, LongSupplier clock) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
    }

    RateLimitedLog(Consumer<String> log, Duration interval) {
        this(log, interval, System::nanoTime);
    }

    /** Writes the line if the interval has passed since the last one; otherwise counts it. */
    synchronized void log(String line) {
        long now = clock.getAsLong();
        if (anyLine && now - lastLineNanos < intervalNanos) {
            suppressed++;
            return;
        }
        log.accept(suppressed == 0 ? line : line + " (and " + suppressed + " more like it since the last line)");
        suppressed = 0;
        lastLineNanos = now;
        anyLine = true;
    }
}
