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
        cpu(Contender.GIL_THREADS, 1.0, 1.05, 1.1);
        assertThat(new Report(results, "concurrency-lab compare").findings()).containsExactly(
                "CPU-bound, 2 workers (ideal 2x): platform threads 2.00x, threads under the GIL model 0.95x.");
    }

    @Test
    void aSpeedupAboveTheIdealIsCalledNoiseNotParallelism(@TempDir Path directory) throws Exception {
        cpu(Contender.CPYTHON_PROCESSES, 0.3, 0.15, 0.09);
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
}
