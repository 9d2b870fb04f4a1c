package dev.concurrencylab.it;

import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.work.CpuWork;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs inside a container with a CPU quota: says how many processors the JVM sees, then runs the
 * cpu-speedup lesson's countdown on two threads and says what parallelism it got.
 */
public final class ContainerCpuProbe {

    private ContainerCpuProbe() {}

    public static void main(String[] args) throws Exception {
        System.out.println("processors " + Runtime.getRuntime().availableProcessors());
        long steps = CpuWork.stepsFor(Duration.ofMillis(Long.parseLong(args[0])));
        Callable<Long> share = () -> CpuWork.countdown(steps);
        Measurement run = ParallelRun.onPlatformThreads(List.of(share, share)).measurement();
        System.out.println("parallelism " + run.parallelism());
        System.out.println("wall_s " + run.wallSeconds());
    }
}
