package dev.concurrencylab.benchmarks;

import dev.concurrencylab.core.measure.ReadmeBlock;
import dev.concurrencylab.core.measure.Summary;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ipc channels against the machine's ceilings, in one run: each channel's figure, the
 * ceiling it is held to, and the fraction. {@code ./mvnw -Plimits -pl benchmarks -am verify
 * -DskipTests} (benchmarks/README.md).
 *
 * <p>A shared machine's speed drifts from one second to the next, so one JMH run of each would
 * compare a channel measured in a fast second with a ceiling measured in a slow one. Instead the
 * whole set runs in rounds ({@code -Dlimits.rounds}, 3 by default), every benchmark once a round,
 * and the fraction is taken within each round: the table gives their median and range.
 */
public final class Limits {

    /** One line of the table: a channel's benchmark against the ceiling's. */
    record Comparison(String channel, String figure, String ceiling, String limit) {}

    static final List<Comparison> TABLE = List.of(
            new Comparison("Unix-domain socket to a child JVM, 1 MiB frames, counted", "IpcBenchmarks.largeFrames1MiBCounted:UNIX",
                    "raw Unix-domain socket pair, in one JVM", "LimitsBenchmarks.rawSocketPair1MiB"),
            new Comparison("the same, the sink taking CRC32C of every byte", "IpcBenchmarks.largeFrames1MiB:UNIX",
                    "raw Unix-domain socket pair, in one JVM", "LimitsBenchmarks.rawSocketPair1MiB"),
            new Comparison("RingQueue, 1 MiB records between two threads", "LimitsBenchmarks.ring1MiB",
                    "a direct-buffer copy of 1 MiB", "LimitsBenchmarks.memoryCopy1MiB"));

    private Limits() {}

    public static void main(String[] args) throws RunnerException, IOException {
        int rounds = Integer.getInteger("limits.rounds", 3);
        Map<Comparison, List<Double>> figures = new LinkedHashMap<>();
        Map<Comparison, List<Double>> ceilings = new HashMap<>();
        Map<Comparison, List<Double>> fractions = new HashMap<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("%n# Limits: round %d of %d%n", round, rounds);
            Map<String, Double> megabytes = megabytesPerSecond();
            for (Comparison row : TABLE) {
                Double figure = megabytes.get(row.figure());
                Double limit = megabytes.get(row.limit());
                if (figure != null && limit != null) {
                    figures.computeIfAbsent(row, key -> new ArrayList<>()).add(figure);
                    ceilings.computeIfAbsent(row, key -> new ArrayList<>()).add(limit);
                    fractions.computeIfAbsent(row, key -> new ArrayList<>()).add(figure / limit);
                }
            }
        }
        StringBuilder lines = new StringBuilder();
        for (Comparison row : TABLE) {
            if (!fractions.containsKey(row)) {
                lines.append(String.format("  %s: not measured%n", row.channel()));
                continue;
            }
            Summary fraction = Summary.of(fractions.get(row));
            lines.append(String.format(Locale.ROOT, "  %-58s %7.0f MB/s of %7.0f MB/s (%s) = %.2f (%.2f to %.2f)%n", row.channel(),
                    Summary.of(figures.get(row)).median(), Summary.of(ceilings.get(row)).median(), row.ceiling(),
                    fraction.median(), fraction.min(), fraction.max()));
        }
        String heading = String.format("Each channel as a fraction of its ceiling, measured in the same round (MB/s, 1 MiB per "
                + "operation; median of %d rounds, and the rounds' range of the fraction)", rounds);
        System.out.printf("%n%s:%n%s", heading, lines);
        if (args.length > 0) { // the module README's block, so that no figure there is typed by hand
            Path readme = Path.of(args[0]);
            ReadmeBlock.rewrite(readme, "limits", ReadmeBlock.stamped("./mvnw -Plimits -pl benchmarks -am verify -DskipTests",
                    heading.substring(0, 1).toLowerCase(Locale.ROOT) + heading.substring(1), lines.toString()));
            System.out.println("written into " + readme);
        }
    }

    /** One JMH run of every benchmark in the table: MB/s by "Class.method" (and ":kind" where it has one). */
    private static Map<String, Double> megabytesPerSecond() throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("LimitsBenchmarks\\.(rawSocketPair1MiB|memoryCopy1MiB|ring1MiB)$")
                .include("IpcBenchmarks\\.largeFrames1MiB(Counted)?$").param("kind", "UNIX")
                .forks(1).warmupIterations(2).measurementIterations(3)
                .warmupTime(TimeValue.seconds(1)).measurementTime(TimeValue.seconds(1));
        Map<String, Double> megabytes = new HashMap<>();
        for (RunResult result : new Runner(options.build()).run()) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.(\\w+\\.\\w+)$", "$1");
            String kind = result.getParams().getParam("kind");
            double perSecond = result.getPrimaryResult().getScore(); // operations (1 MiB each) per second
            megabytes.put(kind == null ? name : name + ":" + kind, perSecond * (1 << 20) / 1e6);
        }
        return megabytes;
    }
}
