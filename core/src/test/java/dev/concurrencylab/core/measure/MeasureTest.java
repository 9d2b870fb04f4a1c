package dev.concurrencylab.core.measure;

import dev.concurrencylab.core.testing.TestThreads;
import dev.concurrencylab.core.work.CpuWork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasureTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @Test
    void summaryIsMedianWithMinAndMax() {
        assertThat(Summary.of(3, 1, 2)).isEqualTo(new Summary(2, 1, 3, 3));
        assertThat(Summary.of(4, 1, 2, 3)).isEqualTo(new Summary(2.5, 1, 4, 4));
        assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parallelismIsCpuOverWall() {
        assertThat(new Measurement(Duration.ofSeconds(2), Duration.ofSeconds(3)).parallelism()).isEqualTo(1.5);
        assertThat(new Measurement(Duration.ZERO, Duration.ZERO).parallelism()).isZero();
    }

    @Test
    void repeatsInterleaveTheVariants() throws Exception {
        List<String> order = new ArrayList<>();
        Repeats.Results results = new Repeats()
                .variant("a", () -> { order.add("a"); return new Measurement(Duration.ofSeconds(2), Duration.ZERO); })
                .variant("b", () -> { order.add("b"); return new Measurement(Duration.ofSeconds(1), Duration.ZERO); })
                .run(3);
        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
        assertThat(results.speedup("a", "b")).isEqualTo(2.0);
    }

    @Test
    void warmUpRoundsRunFirstInTheSameOrderAndAreNotCounted() throws Exception {
        List<String> order = new ArrayList<>();
        long[] calls = {0};
        Repeats.Results results = new Repeats().warmUp(2)
                .variant("a", () -> { order.add("a"); return new Measurement(Duration.ofSeconds(++calls[0]), Duration.ZERO); })
                .variant("b", () -> { order.add("b"); return new Measurement(Duration.ofSeconds(1), Duration.ZERO); })
                .run(1);
        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b");
        assertThat(results.of("a")).hasSize(1);
        assertThat(results.wall("a").median()).isEqualTo(3.0); // the third call: the first two were warm-up
    }

    @Test
    void eachVariantKeepsTheStretchesItsMeasuredRunsRanIn() throws Exception {
        long before = System.nanoTime();
        Repeats.Results results = new Repeats().warmUp(1)
                .variant("a", () -> new Measurement(Duration.ofSeconds(1), Duration.ZERO))
                .variant("b", () -> new Measurement(Duration.ofSeconds(1), Duration.ZERO))
                .run(2);
        assertThat(results.windows().get("a")).hasSize(2); // the warm-up round is not among them
        Repeats.Window firstA = results.windows().get("a").getFirst();
        Repeats.Window firstB = results.windows().get("b").getFirst();
        assertThat(firstA.startNanos()).isGreaterThanOrEqualTo(before);
        assertThat(firstB.startNanos()).isGreaterThanOrEqualTo(firstA.endNanos());
        assertThat(results.windows().get("a").get(1).startNanos()).isGreaterThanOrEqualTo(firstB.endNanos());
    }

    /** A neighbour's burst that falls on one variant's runs shows in that variant's figure, not diluted by the rest. */
    @Test
    void theLoadOfAVariantCountsOnlyTheSamplesThatOverlapItsRuns() {
        List<CpuContention.Sample> samples = List.of(
                new CpuContention.Sample(0, 20, 0.0),
                new CpuContention.Sample(20, 40, 1.0),  // the burst
                new CpuContention.Sample(40, 60, 0.0),
                new CpuContention.Sample(60, 80, 0.0));
        assertThat(CpuContention.othersBusyWithin(samples, List.of(new Repeats.Window(25, 35)))).isEqualTo(1.0);
        assertThat(CpuContention.othersBusyWithin(samples, List.of(new Repeats.Window(30, 50)))).isEqualTo(0.5);
        assertThat(CpuContention.othersBusyWithin(samples, List.of(new Repeats.Window(0, 15), new Repeats.Window(65, 70))))
                .isEqualTo(0.0);
        assertThat(CpuContention.othersBusyWithin(samples, List.of(new Repeats.Window(90, 95)))).isNaN();
    }

    @Test
    void parallelRunReturnsResultsInTaskOrderAndSumsWorkerCpu() throws Exception {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> 2, () -> 3);
        ParallelRun.Result<Integer> result = ParallelRun.onPlatformThreads(tasks);
        assertThat(result.values()).containsExactly(1, 2, 3);

        Callable<Long> busy = () -> CpuWork.countdown(CpuWork.stepsFor(Duration.ofMillis(50)));
        Measurement measured = ParallelRun.onPlatformThreads(List.of(busy)).measurement();
        assertThat(measured.cpu()).isPositive();
        // One busy thread cannot use more than one core's worth of time (small clock slack).
        assertThat(measured.parallelism()).isLessThan(1.1);
    }

    @Test
    void aFailingTaskIsReportedWithItsCause() {
        List<Callable<Integer>> tasks = List.of(() -> 1, () -> { throw new IllegalStateException("boom"); });
        assertThatThrownBy(() -> ParallelRun.onPlatformThreads(tasks))
                .isInstanceOf(ExecutionException.class)
                .hasMessage("task 1 failed")
                .hasRootCauseMessage("boom");
    }

    @Test
    void tasksPastTheTimeoutAreInterruptedAndJoined() {
        List<Callable<Long>> tasks = List.of(() -> CpuWork.countdown(Long.MAX_VALUE));
        assertThatThrownBy(() -> ParallelRun.run(tasks, Thread.ofPlatform().factory(), Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class);
        // Each thread's stack read once: a thread of another test class may end between two reads.
        assertThat(Thread.getAllStackTraces().values())
                .noneMatch(stack -> stack.length > 0 && stack[0].getClassName().equals(CpuWork.class.getName()));
    }

    @Test
    void aCountdownStopsWhenItsThreadIsInterrupted() throws Throwable {
        Thread worker = threads.start("counter", () ->
                assertThatThrownBy(() -> CpuWork.countdown(Long.MAX_VALUE))
                        .isInstanceOf(CancellationException.class));
        worker.interrupt();
        threads.joinAll();
    }

    @Test
    void anAnnouncedStopwatchPrintsItsLabelThenItsTimeLikeDecoTimer() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        try (Stopwatch timer = Stopwatch.announce("Testing Single Threaded", out)) {
            assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(">>> Testing Single Threaded" + System.lineSeparator());
        }
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList().get(1))
                .matches("<<< Testing Single Threaded: \\d+\\.\\d{3} s");
    }

    @Test
    void stopwatchStopsWhenClosed() {
        Stopwatch stopwatch = Stopwatch.start();
        stopwatch.close();
        Duration first = stopwatch.elapsed();
        assertThat(stopwatch.elapsed()).isEqualTo(first);
    }
}
