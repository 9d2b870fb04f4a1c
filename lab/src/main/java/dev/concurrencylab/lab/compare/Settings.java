package dev.concurrencylab.lab.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one comparison runs.
 *
 * @param workerCounts 1, 2, 4 ... and last the largest count (2 x cores unless asked otherwise)
 * @param sleepTotal   the sleeping all workers of one measurement share
 * @param cpuWork      how long one worker needs for the whole countdown
 * @param python       whether CPython should run the notebooks' snippets beside Java
 */
public record Settings(boolean quick, int rounds, List<Integer> workerCounts, Duration sleepTotal, Duration cpuWork,
                       boolean python) {

    public Settings {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        workerCounts = List.copyOf(workerCounts);
    }

    /**
     * The defaults: --quick finishes in under a minute on 2 cores (3 rounds, 0.24 s of sleep and
     * 0.3 s of countdown per measurement); the full run takes a few minutes.
     *
     * @param rounds     null for the default
     * @param maxWorkers null for 2 x processors
     */
    public static Settings of(boolean quick, Integer rounds, Integer maxWorkers, boolean python, int processors) {
        int max = maxWorkers == null ? 2 * processors : maxWorkers;
        if (max < 1 || max > 256) {
            throw new IllegalArgumentException("--max-workers must be between 1 and 256, not " + max);
        }
        return new Settings(quick, rounds == null ? (quick ? 3 : 5) : rounds, workerCounts(max),
                Duration.ofMillis(quick ? 240 : 1000), Duration.ofMillis(quick ? 300 : 1500), python);
    }

    /**
     * The worker counts in the order round {@code round} measures them: ascending in odd rounds,
     * descending in even ones. A machine that speeds up or slows down during the run (clock
     * ramping, a neighbour starting) then favours neither end of the curve in the medians.
     */
    public List<Integer> workerCountsForRound(int round) {
        return round % 2 == 1 ? workerCounts : workerCounts.reversed();
    }

    /** Powers of two below {@code max}, then {@code max}: 1, 2, 4 for 4; 1, 2, 4, 8, 12 for 12. */
    static List<Integer> workerCounts(int max) {
        List<Integer> counts = new ArrayList<>();
        for (int n = 1; n < max; n *= 2) {
            counts.add(n);
        }
        counts.add(max);
        return counts;
    }
}
