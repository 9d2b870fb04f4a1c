package dev.concurrencylab.it;

import dev.concurrencylab.core.measure.CpuContention;

import org.junit.jupiter.api.Assumptions;

/**
 * The rule for every speed claim: correctness is asserted first, always; then the speed part runs
 * only if the machine left enough cores free during the run (measured by {@link CpuContention},
 * independently of the claim), and its threshold scales to what was free. Otherwise the speed part
 * is skipped and the reason printed, never silently passed.
 */
final class SpeedClaims {

    private SpeedClaims() {}

    /**
     * Skips the rest of the test, with the reason on stdout, unless at least {@code needed} cores
     * were free for us while {@code contention} watched.
     */
    static void assumeCoresFree(double needed, CpuContention contention, String claim) {
        double free = contention.coresFree();
        String reason = String.format("speed claim '%s' not judged: it needs %.1f free cores, the machine gave %s",
                claim, needed, contention);
        if (free < needed) {
            System.out.println("SKIPPED " + reason);
        }
        Assumptions.assumeTrue(free >= needed, reason);
    }

    /** What {@code workers} truly parallel workers should at least reach, given the free cores. */
    static double parallelismFloor(int workers, CpuContention contention) {
        return 0.7 * Math.min(workers, contention.coresFree());
    }
}
