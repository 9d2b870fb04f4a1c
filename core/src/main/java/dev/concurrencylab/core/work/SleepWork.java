package dev.concurrencylab.core.work;

import dev.concurrencylab.core.gil.Interpreter;

import java.time.Duration;

/**
 * Sleep-bound work, standing for I/O: the notebooks' {@code time.sleep(t)}. The thread asks the
 * OS to wake it later and uses no CPU meanwhile, which is why sleeping threads overlap perfectly
 * and why, under a GIL, a sleep releases the lock.
 */
public final class SleepWork {

    private SleepWork() {}

    /** Sleeps for {@code duration}; under a GIL, with the GIL released. Returns the duration. */
    public static Duration sleep(Duration duration, Interpreter interpreter) throws InterruptedException {
        interpreter.blocking(() -> Thread.sleep(duration));
        return duration;
    }
}
