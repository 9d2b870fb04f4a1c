package dev.concurrencylab.core.measure;

import java.time.Duration;

/**
 * One timed run: how long it took on the wall clock and how much CPU time the workers used.
 *
 * @param wall elapsed wall-clock time
 * @param cpu  CPU time of the workers (threads or child processes) during the run, or
 *             {@link Duration#ZERO} when it could not be measured
 */
public record Measurement(Duration wall, Duration cpu) {

    public double wallSeconds() {
        return wall.toNanos() / 1e9;
    }

    public double cpuSeconds() {
        return cpu.toNanos() / 1e9;
    }

    /**
     * CPU time / wall time: how many cores were busy on average. Two threads that truly ran at
     * once on two cores give about 2; two threads taking turns give about 1; sleeping threads
     * give about 0.
     */
    public double parallelism() {
        return wall.isZero() ? 0 : (double) cpu.toNanos() / wall.toNanos();
    }
}
