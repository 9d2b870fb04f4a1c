package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    /** CPython's contenders under no interpreter's name, as the report describes them when none took part. */
    private static final Contender CPYTHON_THREADS = Contender.cpythonUnnamed().get(0);
    private static final Contender CPYTHON_PROCESSES = Contender.cpythonUnnamed().get(1);

    private final Results results = new Results(
            new Settings(true, 1, List.of(1, 2, 4), Duration.ofMillis(100), Duration.ofMillis(100), false),
            new Machine(2, "max", "test JVM", "test OS"));

    private void cpu(Contender contender, double... walls) {
        int[] workers = {1, 2, 4};
        for (int i = 0; i < walls.length; i++) {
            results.add(new Results.Sample(Workload.CPU_BOUND, contender, workers[i], 1, walls[i], walls[0]));
        }
    }

    @Test
    void findingsQuoteTheLargestCountTheCoresAllow() {
        cpu(Contender.PLATFORM_THREADS, 1.0, 0.5, 0.5);
        cpu(Contender.GIL_THREADS, 1.0, 1.05, 1.08);
        assertThat(new Report(results, "concurrency-lab compare").findings()).containsExactly(
                "CPU-bound, 2 workers (ideal 2x): platform threads 2.00x, threads under the GIL model 0.95x.");
    }

    @Test
    void aSpeedupAboveTheIdealIsCalledNoiseNotParallelism(@TempDir Path directory) throws Exception {
        cpu(CPYTHON_PROCESSES, 0.3, 0.15, 0.09);
        Report report = new Report(results, "concurrency-lab compare --python");
        assertThat(report.findings()).anySatisfy(line -> assertThat(line)
                .startsWith("CPython multiprocessing at 4 workers: 3.33x is above the ideal 2x"));

        Path page = report.writeTo(directory);
        assertThat(Files.readString(page)).contains("<p class=\"warning\">CPython multiprocessing at 4 workers: 3.33x");
        assertThat(directory.resolve("cpu-bound.png")).isNotEmptyFile();
        assertThat(directory.resolve("sleep-bound.png")).as("no samples, no chart").doesNotExist();
        assertThat(Files.readAllLines(directory.resolve("speedups.csv"))).hasSize(1 + 3)
                .contains("cpu-bound,cpython-processes,4,2,3.3333,3.3333,3.3333,3.333,1.0000");
    }

    @Test
    void aBusyPointAndANoisyFitAreSaidToBeNoFindings(@TempDir Path directory) throws Exception {
        Results noisy = new Results(
                new Settings(true, 3, List.of(1, 2), Duration.ofMillis(100), Duration.ofMillis(100), false),
                new Machine(2, "max", "test JVM", "test OS"));
        double[][] cpythonWalls = {{1.0, 1.6}, {1.0, 0.6}, {1.0, 1.1}}; // per round: 1 worker, 2 workers
        for (int round = 0; round < 3; round++) {
            noisy.add(new Results.Sample(Workload.CPU_BOUND, CPYTHON_THREADS, 1, round, cpythonWalls[round][0], 1.0));
            noisy.add(new Results.Sample(Workload.CPU_BOUND, CPYTHON_THREADS, 2, round, cpythonWalls[round][1], 1.0));
            noisy.add(new Results.Sample(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 1, round, 1.0, 1.0, 1.9));
            noisy.add(new Results.Sample(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 2, round, 0.9, 1.0, 0.8));
        }
        assertThat(noisy.amdahlIsAFinding(Workload.CPU_BOUND, CPYTHON_THREADS)).isFalse();
        assertThat(noisy.busy(Workload.CPU_BOUND, Contender.PLATFORM_THREADS, 2)).isTrue();
        assertThat(noisy.busy(Workload.CPU_BOUND, CPYTHON_THREADS, 2)).as("not watched: not judged").isFalse();
        Report report = new Report(noisy, "concurrency-lab compare");
        assertThat(report.findings())
                .anySatisfy(line -> assertThat(line).startsWith(
                        "platform threads at 2 workers: the machine was busy: 0.80 of 2 cores were free and the effect needs 1.5"))
                .anySatisfy(line -> assertThat(line).startsWith("CPython threads: its rounds spread too widely"));
        String page = Files.readString(report.writeTo(directory));
        assertThat(page).contains("1.11x (1.11-1.11) (busy)", ": noise)");
        assertThat(Files.readAllLines(directory.resolve("samples.csv")).get(1)).isEqualTo("cpu-bound,cpython-threads,1,0,1.000000,1.000000,");
        assertThat(Files.readAllLines(directory.resolve("samples.csv"))).contains("cpu-bound,platform-threads,2,0,0.900000,1.000000,0.80");
    }

    @Test
    void aSteadyContenderKeepsItsFit() {
        cpu(Contender.PLATFORM_THREADS, 1.0, 0.52, 0.51);
        assertThat(results.amdahlIsAFinding(Workload.CPU_BOUND, Contender.PLATFORM_THREADS)).isTrue();
    }
}
