package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.CpuContention;
import dev.concurrencylab.core.measure.Machine;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

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

    /**
     * Appends one row to {@code target/speed-evidence/speed-claims.csv}, before anything is
     * judged, so that CI keeps what the machine was and what it showed: the test, the processors,
     * the cgroup CPU quota if readable, the free cores, and the lesson's numeric observations.
     */
    static void record(String test, CpuContention contention, Observations seen) {
        Path file = Path.of("target", "speed-evidence", "speed-claims.csv");
        String numbers = seen.values().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof Number)
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(";"));
        Machine machine = Machine.current();
        String row = String.format(Locale.ROOT, "%s,%s,%d,%s,%.2f,%.2f,\"%s\"%n", Instant.now(), test,
                machine.processors(), machine.cgroupQuota(), contention.coresFree(),
                contention.othersBusyCores(), numbers);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.writeString(file, "time,test,processors,cgroup_cpu_quota,cores_free,others_busy_cores,observations\n");
            }
            Files.writeString(file, row, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code workers} truly parallel workers should at least reach, given the free cores. */
    static double parallelismFloor(int workers, CpuContention contention) {
        return 0.7 * Math.min(workers, contention.coresFree());
    }
}
