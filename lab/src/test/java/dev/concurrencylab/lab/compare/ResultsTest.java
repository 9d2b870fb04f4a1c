package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Summary;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultsTest {

    private final Results results = new Results(
            new Settings(true, 2, List.of(1, 2, 4), Duration.ofMillis(100), Duration.ofMillis(100), false),
            new Machine(2, "max", "test JVM", "test OS"));

    private void add(Contender contender, int workers, int round, double wall, double cpu) {
        results.add(new Results.Sample(Workload.CPU_BOUND, contender, workers, round, wall, cpu));
    }

    @Test
    void aSpeedupDividesTimingsOfTheSameRound() {
        add(Contender.PLATFORM_THREADS, 1, 1, 1.0, 1.0);
        add(Contender.PLATFORM_THREADS, 1, 2, 2.0, 2.0); // a slow round: both of its timings are slow
        add(Contender.PLATFORM_THREADS, 2, 1, 0.5, 1.0);
        add(Contender.PLATFORM_THREADS, 2, 2, 1.0, 2.0);
        Summary speedup = results.speedup(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 2).orElseThrow();
        assertThat(speedup.min()).isEqualTo(2.0);
        assertThat(speedup.max()).isEqualTo(2.0);
        assertThat(results.parallelism(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 2).orElseThrow().median())
                .isEqualTo(2.0);
    }

    @Test
    void aRoundMissingItsOneWorkerTimingGivesNoRatio() {
        add(Contender.CHILD_JVMS, 1, 1, 1.0, 1.0);
        add(Contender.CHILD_JVMS, 2, 2, 0.5, 1.0);
        assertThat(results.speedup(Workload.CPU_BOUND, Contender.CHILD_JVMS, 2)).isEmpty();
    }

    @Test
    void unknownCpuTimeIsLeftOutOfParallelismNotCountedAsZero() {
        add(Contender.VIRTUAL_THREADS, 2, 1, 0.5, Double.NaN);
        assertThat(results.parallelism(Workload.CPU_BOUND, Contender.VIRTUAL_THREADS, 2)).isEmpty();
    }

    @Test
    void theAmdahlFitUsesTheCoresNotTheWorkersForCpuBoundWork() {
        // Perfect scaling up to the 2 cores, flat after: that is p = 1 on 2 processors, not a serial part.
        for (int round = 1; round <= 2; round++) {
            add(Contender.PLATFORM_THREADS, 1, round, 1.0, 1.0);
            add(Contender.PLATFORM_THREADS, 2, round, 0.5, 1.0);
            add(Contender.PLATFORM_THREADS, 4, round, 0.5, 1.0);
        }
        assertThat(results.amdahl(Workload.CPU_BOUND, Contender.PLATFORM_THREADS).orElseThrow()).isCloseTo(1, within(1e-4));
        assertThat(results.speedupRows()).hasSize(3).allSatisfy(row -> assertThat(row.amdahl()).isPresent());
    }
}
