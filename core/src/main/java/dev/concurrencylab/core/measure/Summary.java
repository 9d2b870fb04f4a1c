package dev.concurrencylab.core.measure;

import java.util.Arrays;
import java.util.List;

/**
 * Median with minimum and maximum of repeated samples. On a shared, noisy machine one timing
 * means little; the median of interleaved repeats, shown with its spread, means more.
 */
public record Summary(double median, double min, double max, int samples) {

    public static Summary of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one sample");
        }
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Summary(median, sorted[0], sorted[n - 1], n);
    }

    @Override
    public String toString() {
        return String.format("%.3f (%.3f–%.3f, n=%d)", median, min, max, samples);
    }

    /** For tests and the launcher: the samples' order does not matter. */
    static Summary of(double... samples) {
        return of(Arrays.stream(samples).boxed().toList());
    }
}
