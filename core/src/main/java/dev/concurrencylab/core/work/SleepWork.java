package dev.concurrencylab.core.work;

import dev.concurrencylab.core.gil.Interpreter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Sleep-bound work, standing for I/O: the notebooks' {@code time.sleep(t)}. The thread asks the
 * OS to wake it later and uses no CPU meanwhile, which is why sleeping threads overlap perfectly
 * and why, under a GIL, a sleep releases the lock.
 */
public final class SleepWork {

    private SleepWork() {}

    /**
     * {@code threads} tasks for as many threads, each running as interpreted code and sleeping
     * {@code sleepsEach} times for {@code nap}: one task with {@code sleepsEach = n} is the
     * sequential version of {@code n} tasks with one sleep each. Each returns its number of sleeps.
     */
    public static List<Callable<Integer>> sleepers(int threads, int sleepsEach, Duration nap, Interpreter interpreter) {
        List<Callable<Integer>> tasks = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            tasks.add(() -> interpreter.run(() -> {
                for (int s = 0; s < sleepsEach; s++) {
                    sleep(nap, interpreter);
                }
                return sleepsEach;
            }));
        }
        return tasks;
    }

    /** Sleeps for {@code duration}; under a GIL, with the GIL released. Returns the duration. */
    public static Duration sleep(Duration duration, Interpreter interpreter) throws InterruptedException {
        interpreter.blocking(() -> Thread.sleep(duration));
        return duration;
    }
}
