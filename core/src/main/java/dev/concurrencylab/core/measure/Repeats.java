package dev.concurrencylab.core.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs variants of an experiment in interleaved rounds (A, B, C, A, B, C, …) and summarises each.
 *
 * <p>Interleaving matters on a shared machine: if a neighbour loads the CPU for ten seconds, every
 * variant suffers a little rather than one variant suffering a lot, so their ratio stays honest.
 * Warm-up rounds run the same way first and are thrown away, so that no variant is timed while
 * the JIT is still compiling it (as JMH's warm-up iterations do).
 */
public final class Repeats {

    private final Map<String, Callable<Measurement>> variants = new LinkedHashMap<>();
    private int warmUpRounds;

    /** Runs {@code rounds} untimed rounds of every variant, interleaved, before the measured ones. */
    public Repeats warmUp(int rounds) {
        if (rounds < 0) {
            throw new IllegalArgumentException("warm-up rounds cannot be negative: " + rounds);
        }
        this.warmUpRounds = rounds;
        return this;
    }

    /** Adds a variant under a name; variants run in the order added. */
    public Repeats variant(String name, Callable<Measurement> run) {
        if (variants.putIfAbsent(name, run) != null) {
            throw new IllegalArgumentException("variant '" + name + "' added twice");
        }
        return this;
    }

    /** Runs {@code rounds} rounds of every variant, interleaved. */
    public Results run(int rounds) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
        }
        for (int round = 0; round < warmUpRounds; round++) {
            for (Callable<Measurement> variant : variants.values()) {
                variant.call();
            }
        }
        Map<String, List<Measurement>> samples = new LinkedHashMap<>();
        Map<String, List<Window>> windows = new LinkedHashMap<>();
        variants.keySet().forEach(name -> {
            samples.put(name, new ArrayList<>());
            windows.put(name, new ArrayList<>());
        });
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Measurement>> variant : variants.entrySet()) {
                long start = System.nanoTime();
                samples.get(variant.getKey()).add(variant.getValue().call());
                windows.get(variant.getKey()).add(new Window(start, System.nanoTime()));
            }
        }
        return new Results(samples, windows);
    }

    /** A stretch of {@link System#nanoTime()} in which one measured run of a variant ran. */
    public record Window(long startNanos, long endNanos) {

        /** Whether this window and the stretch from {@code from} to {@code to} share any time. */
        public boolean overlaps(long from, long to) {
            return from < endNanos && to > startNanos;
        }
    }

    /**
     * The measurements of every variant, by name, and when each measured run ran (so that the
     * load of the machine can be judged for the very stretches a variant was timed in).
     */
    public record Results(Map<String, List<Measurement>> samples, Map<String, List<Window>> windows) {

        public List<Measurement> of(String variant) {
            List<Measurement> measurements = samples.get(variant);
            if (measurements == null) {
                throw new IllegalArgumentException("no variant '" + variant + "'");
            }
            return measurements;
        }

        /** Wall seconds of a variant. */
        public Summary wall(String variant) {
            return Summary.of(of(variant).stream().map(Measurement::wallSeconds).toList());
        }

        /** Parallelism (CPU / wall) of a variant. */
        public Summary parallelism(String variant) {
            return Summary.of(of(variant).stream().map(Measurement::parallelism).toList());
        }

        /** How many times faster {@code variant} ran than {@code baseline}, by median wall time. */
        public double speedup(String baseline, String variant) {
            return wall(baseline).median() / wall(variant).median();
        }
    }
}
