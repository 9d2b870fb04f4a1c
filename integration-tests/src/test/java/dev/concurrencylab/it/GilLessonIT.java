package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.CpuContention;
import dev.concurrencylab.threading.GilLesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The gil lesson's claims: the GIL serialises CPU-bound threads, not sleeping ones; the JVM has none. */
class GilLessonIT {

    @Test
    void theGilSerialisesCpuWorkButNotSleepsAndTheJvmRunsThreadsTogether() throws Exception {
        Observations seen;
        CpuContention contention = CpuContention.watch();
        try (contention) {
            seen = new GilLesson().run(LessonContext.silent(true));
        }
        SpeedClaims.record("GilLessonIT", contention, seen);
        System.out.printf("gil lesson: GIL speedup %.2f (parallelism %.2f), JVM speedup %.2f (parallelism %.2f), "
                        + "sleepers under GIL %.2f; %s%n",
                seen.number("cpu_speedup_under_gil"), seen.number("gil_parallelism"),
                seen.number("cpu_speedup_without_gil"), seen.number("parallelism_without_gil"),
                seen.number("io_speedup_under_gil"), contention);

        // A property of the lock: the workers' CPU time can never exceed one core's worth by
        // much, and a busy machine can only lower it.
        assertThat(seen.number("gil_parallelism")).as("parallelism of 2 threads under the GIL").isLessThanOrEqualTo(1.2);
        // Sleeps need no core: 4 sleeping threads overlap on any machine.
        assertThat(seen.number("io_speedup_under_gil")).as("4 sleepers vs 1 under the GIL").isGreaterThanOrEqualTo(1.5);

        // Speedups are ratios of wall times taken at different moments: load that hits one
        // variant more than the other moves them either way, so they are judged on a quiet machine.
        SpeedClaims.assumeCoresFree(1.5, contention, "2 threads under the GIL do not beat 1; 2 JVM threads run at once");
        assertThat(seen.number("cpu_speedup_under_gil")).as("2 threads vs 1 under the GIL").isLessThanOrEqualTo(1.2);
        assertThat(seen.number("parallelism_without_gil")).as("parallelism of 2 JVM threads")
                .isGreaterThanOrEqualTo(SpeedClaims.parallelismFloor(2, contention));
    }
}
