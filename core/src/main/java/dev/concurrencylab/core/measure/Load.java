package dev.concurrencylab.core.measure;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How many cores were free while a lesson measured, against how many its effect needs.
 *
 * <p>A speedup of two threads over one is only the lesson's result if two cores were there to
 * run them. {@link CpuContention} measures what other processes took; this record keeps the
 * figure with the run, so that the narration, the JSON and the tour can say "the machine was
 * too busy to show this" instead of presenting a busy machine's number as a finding.
 *
 * @param freeCores cores left to this process (and its children) on average during the watch
 * @param cores     processors the JVM may use
 * @param needed    free cores the effect needs to show
 */
public record Load(double freeCores, int cores, double needed) {

    /** What {@code contention} saw, for an effect that needs {@code needed} free cores. */
    public static Load of(CpuContention contention, double needed) {
        return new Load(contention.coresFree(), contention.cores(), needed);
    }

    /** What {@code work} returned, and the load while it ran. */
    public record Watched<T>(T result, Load load) {}

    /** Runs {@code work} while {@link CpuContention} watches, for an effect that needs {@code needed} free cores. */
    public static <T> Watched<T> during(double needed, Callable<T> work) throws Exception {
        try (CpuContention contention = CpuContention.watch()) {
            T result = work.call();
            return new Watched<>(result, of(contention, needed));
        }
    }

    /**
     * Runs interleaved rounds while {@link CpuContention} watches, and judges the machine by the
     * variant it left the least room: the free cores during that variant's own runs. A speedup is
     * a ratio of two variants, and an average over the whole watch hides a neighbour's burst that
     * fell on the runs of one of them.
     */
    public static Watched<Repeats.Results> duringRounds(double needed, Callable<Repeats.Results> rounds) throws Exception {
        try (CpuContention contention = CpuContention.watch()) {
            Repeats.Results results = rounds.call();
            contention.close(); // every sample taken before the figures are read
            double leastFree = results.windows().values().stream()
                    .mapToDouble(contention::coresFreeWithin).min().orElse(contention.coresFree());
            return new Watched<>(results, new Load(leastFree, contention.cores(), needed));
        }
    }

    /**
     * Free cores a speedup of {@code workers} CPU-bound workers needs: all the cores it can use,
     * less half a core of slack for the JIT, GC and the sampler; and at least 1.5, since a
     * parallel speedup needs a second core at all.
     */
    public static double neededFor(int workers, int cores) {
        return Math.max(1.5, Math.min(workers, cores) - 0.5);
    }

    /** Too few cores were free (or exist) for the effect to show. */
    public boolean busy() {
        return freeCores < needed;
    }

    /** Why the machine left too little room for the effect, in one clause; empty when it left enough. */
    public String reason() {
        if (!busy()) {
            return "";
        }
        if (cores < needed) {
            return String.format(Locale.ROOT, "this JVM may use %d core%s and the effect needs %.1f",
                    cores, cores == 1 ? "" : "s", needed);
        }
        return String.format(Locale.ROOT, "the machine was busy: %.2f of %d cores were free and the effect needs %.1f",
                freeCores, cores, needed);
    }

    /** "(busy machine: 0.90 of 2 cores free) " to put before a conclusion whose figures a busy machine made; else "". */
    public String busyPrefix() {
        return busy() ? String.format(Locale.ROOT, "(busy machine: %.2f of %d cores free) ", freeCores, cores) : "";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f of %d cores free (needed %.1f)", freeCores, cores, needed);
    }
}
