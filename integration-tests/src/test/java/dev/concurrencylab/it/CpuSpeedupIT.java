package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.CpuContention;
import dev.concurrencylab.threading.CpuSpeedupLesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curriculum's central contrast: CPU-bound work scales on Java threads and on child JVMs, and
 * does not under the simulated GIL. The lesson itself fails if any variant computed a different
 * checksum, so correctness is asserted before any speed is looked at.
 */
class CpuSpeedupIT {

    @Test
    void threadsAndChildJvmsScaleAndGilThreadsDoNot() throws Exception {
        Observations seen;
        CpuContention contention = CpuContention.watch();
        try (contention) {
            seen = new CpuSpeedupLesson().run(LessonContext.silent(true));
        }
        int workers = (int) seen.number("workers");
        SpeedClaims.record("CpuSpeedupIT", contention, seen);
        System.out.printf("cpu-speedup (%d workers): threads %.2fx (parallelism %.2f), GIL threads %.2fx (%.2f), "
                        + "child JVMs %.2fx (%.2f); %s%n", workers,
                seen.number("threads_speedup"), seen.number("threads_parallelism"),
                seen.number("gil_threads_speedup"), seen.number("gil_parallelism"),
                seen.number("processes_speedup"), seen.number("processes_parallelism"), contention);

        assertThat(seen.number("gil_parallelism")).as("parallelism of threads under the GIL").isLessThanOrEqualTo(1.2);

        SpeedClaims.assumeCoresFree(1.5, contention, "threads and child JVMs scale; GIL threads do not");
        double floor = SpeedClaims.parallelismFloor(workers, contention);
        assertThat(seen.number("threads_parallelism")).as("parallelism of the JVM threads").isGreaterThanOrEqualTo(floor);
        assertThat(seen.number("threads_speedup")).as("speedup of the JVM threads").isGreaterThanOrEqualTo(floor);
        assertThat(seen.number("processes_parallelism")).as("parallelism of the child JVMs").isGreaterThanOrEqualTo(floor);
        assertThat(seen.number("gil_threads_speedup")).as("speedup of the threads under the GIL").isLessThanOrEqualTo(1.2);
    }
}
