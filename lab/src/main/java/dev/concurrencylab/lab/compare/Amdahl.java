package dev.concurrencylab.lab.compare;

/**
 * Amdahl's law, S(n) = 1 / ((1 - p) + p / n), and a least-squares fit of its parallel fraction p
 * to measured speedups. Here n is what the workload lets run at once (see {@link Workload#ideal}),
 * so a CPU-bound curve that flattens at the core count is not mistaken for a serial fraction.
 */
final class Amdahl {

    private static final int GRID = 10_000;

    private Amdahl() {}

    static double speedup(double parallelFraction, double n) {
        return 1 / ((1 - parallelFraction) + parallelFraction / n);
    }

    /**
     * The p in [0, 1] that minimises the squared error against {@code speedups} measured at
     * {@code n}. A simple grid is enough for one parameter: p to 1e-4 in 10 001 evaluations.
     */
    static double fit(double[] n, double[] speedups) {
        if (n.length != speedups.length || n.length == 0) {
            throw new IllegalArgumentException("need as many speedups as n values, at least one");
        }
        double best = 0;
        double bestError = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= GRID; i++) {
            double p = (double) i / GRID;
            double error = 0;
            for (int k = 0; k < n.length; k++) {
                double difference = speedup(p, n[k]) - speedups[k];
                error += difference * difference;
            }
            if (error < bestError) {
                bestError = error;
                best = p;
            }
        }
        return best;
    }
}
