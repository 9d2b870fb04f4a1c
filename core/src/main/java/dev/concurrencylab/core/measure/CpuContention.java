package dev.concurrencylab.core.measure;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of the machine other processes took while we measured.
 *
 * <p>A speedup claim ("two threads run twice as fast") is only fair if two cores were free. On a
 * shared machine they may not be: a neighbour's build can take one. This watcher samples, every
 * {@value #SAMPLE_MILLIS} ms, the whole system's CPU load, this process's, and that of the child
 * processes it started, and keeps the difference: the cores other processes kept busy.
 * {@link #coresFree()} is what was left for us, measured independently of the work being judged,
 * so a test can scale its threshold to it, or say plainly that the machine could not show the
 * claim.
 */
public final class CpuContention implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final com.sun.management.OperatingSystemMXBean os;
    private final int cores = Runtime.getRuntime().availableProcessors();
    /** What one sample saw: the cores others kept busy between the previous sample and {@code atNanos}. */
    record Sample(long sinceNanos, long atNanos, double othersBusy) {}

    private final List<Sample> samples = new ArrayList<>(); // guarded by itself
    private final Map<Long, Long> descendantCpu = new HashMap<>(); // CPU ns per child pid; sampler thread only
    private final Thread sampler;
    private volatile boolean closed;

    private CpuContention(com.sun.management.OperatingSystemMXBean os) {
        this.os = os;
        os.getCpuLoad(); // the first reading only sets the baseline
        os.getProcessCpuLoad();
        this.sampler = Thread.ofPlatform().daemon().name("cpu-contention").start(this::sample);
    }

    /** Starts watching; close it when the measured run is over. */
    public static CpuContention watch() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new CpuContention(os);
        }
        throw new UnsupportedOperationException("this JVM does not report system CPU load");
    }

    private void sample() {
        long last = System.nanoTime();
        descendantsCpuSince();
        while (!closed) {
            try {
                Thread.sleep(Duration.ofMillis(SAMPLE_MILLIS)); // a sampling period, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            double system = os.getCpuLoad();
            double ours = os.getProcessCpuLoad();
            // Child JVMs this process started (a lesson's workers) are ours too, not the neighbours'.
            double children = (double) descendantsCpuSince() / ((now - last) * (double) cores);
            if (system >= 0 && ours >= 0) {
                synchronized (samples) {
                    samples.add(new Sample(last, now, Math.max(0, system - ours - children) * cores));
                }
            }
            last = now;
        }
    }

    /** CPU nanoseconds this process's descendants used since the previous call. */
    private long descendantsCpuSince() {
        long used = 0;
        for (ProcessHandle child : ProcessHandle.current().descendants().toList()) {
            long total = child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            Long before = descendantCpu.put(child.pid(), total);
            used += total - (before == null ? 0 : before);
        }
        return used;
    }

    /** Cores other processes kept busy, on average over the watch; NaN when nothing was sampled. */
    public double othersBusyCores() {
        synchronized (samples) {
            return samples.stream().mapToDouble(Sample::othersBusy).average().orElse(Double.NaN);
        }
    }

    /**
     * Cores left for this process while the given stretches of {@link System#nanoTime()} ran, on
     * average over the samples that overlap them; {@link #coresFree()} when none does (a stretch
     * shorter than a sampling period between two samples).
     */
    public double coresFreeWithin(List<Repeats.Window> windows) {
        List<Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        double others = othersBusyWithin(taken, windows);
        return Double.isNaN(others) ? coresFree() : Math.max(0, cores - others);
    }

    /** The mean of the samples that overlap any of {@code windows}; NaN when none does. */
    static double othersBusyWithin(List<Sample> samples, List<Repeats.Window> windows) {
        return samples.stream()
                .filter(sample -> windows.stream().anyMatch(window -> window.overlaps(sample.sinceNanos(), sample.atNanos())))
                .mapToDouble(Sample::othersBusy).average().orElse(Double.NaN);
    }

    /** Cores left for this process: available processors minus what others used. */
    public double coresFree() {
        double others = othersBusyCores();
        return Double.isNaN(others) ? cores : Math.max(0, cores - others);
    }

    public int cores() {
        return cores;
    }

    /** Stops the sampler and joins it. */
    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
        boolean interrupted = false;
        while (sampler.isAlive()) {
            try {
                sampler.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.format("%.2f of %d cores free (others used %.2f)", coresFree(), cores, othersBusyCores());
    }
}
