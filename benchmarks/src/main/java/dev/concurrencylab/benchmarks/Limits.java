package dev.concurrencylab.benchmarks;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ipc channels against the machine's ceilings, in one run, back to back: each channel's
 * figure, the ceiling it is held to, and the fraction. {@code ./mvnw -Plimits -pl benchmarks -am
 * verify -DskipTests} (benchmarks/README.md); a few minutes on 2 cores.
 */
public final class Limits {

    /** One line of the table: a channel's benchmark against the ceiling's. */
    record Comparison(String channel, String figure, String ceiling, String limit) {}

    static final List<Comparison> TABLE = List.of(
            new Comparison("Unix-domain socket to a child JVM, 1 MiB frames (CRC32C checked)", "IpcBenchmarks.largeFrames1MiB:UNIX",
                    "raw Unix-domain socket pair, in one JVM", "LimitsBenchmarks.rawSocketPair1MiB"),
            new Comparison("RingQueue, 1 MiB records between two threads", "LimitsBenchmarks.ring1MiB",
                    "a direct-buffer copy of 1 MiB", "LimitsBenchmarks.memoryCopy1MiB"));

    private Limits() {}

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("LimitsBenchmarks\\.(rawSocketPair1MiB|memoryCopy1MiB|ring1MiB)$")
                .include("IpcBenchmarks\\.largeFrames1MiB$").param("kind", "UNIX")
                .forks(1).warmupIterations(2).measurementIterations(3)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1))
                .build();
        Map<String, Double> megabytes = new HashMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.(\\w+\\.\\w+)$", "$1");
            String kind = result.getParams().getParam("kind");
            double perSecond = result.getPrimaryResult().getScore(); // operations (1 MiB each) per second
            megabytes.put(kind == null ? name : name + ":" + kind, perSecond * (1 << 20) / 1e6);
        }
        System.out.println();
        System.out.println("Each channel as a fraction of its ceiling, measured in this run (MB/s, 1 MiB per operation):");
        for (Comparison row : TABLE) {
            Double figure = megabytes.get(row.figure());
            Double limit = megabytes.get(row.limit());
            if (figure == null || limit == null) {
                System.out.printf("  %s: not measured%n", row.channel());
                continue;
            }
            System.out.printf("  %-66s %7.0f MB/s of %7.0f MB/s (%s) = %.2f%n", row.channel(), figure, limit, row.ceiling(), figure / limit);
        }
    }
}
