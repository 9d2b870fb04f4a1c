package dev.concurrencylab.benchmarks;

import dev.concurrencylab.core.measure.ReadmeBlock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;

/**
 * The root README's benchmark table, written from the JSON of a JMH run ({@code -Pbenchmarks}
 * runs it after the benchmarks): each figure in the unit a reader expects, the target it is held
 * to, and whether this run met it. A benchmark the run left out (a {@code -Dbenchmarks.include})
 * shows as "not run".
 *
 * <p>Usage: {@code BenchmarkReadme jmh-result.json README.md}
 */
public final class BenchmarkReadme {

    /** The block this writes: {@code <!-- measured benchmarks -->}. */
    static final String BLOCK = "benchmarks";

    private BenchmarkReadme() {}

    /** One JMH score: its value and its 99.9 % error, in JMH's unit. */
    record Score(double value, double error) {}

    /** A figure in the reader's unit: a conversion from JMH's and the unit's name. */
    record Unit(String name, DoubleUnaryOperator convert) {
        static final Unit MS_FROM_US = new Unit("ms", us -> us / 1_000);
        static final Unit US = new Unit("µs", us -> us);
        static final Unit US_FROM_NS = new Unit("µs", ns -> ns / 1_000);
        static final Unit M_PER_S = new Unit("M/s", perSecond -> perSecond / 1e6);
        static final Unit M_PER_S_FROM_US = new Unit("M/s", perMicro -> perMicro);
        static final Unit GB_PER_S_MIB = new Unit("GB/s", framesPerSecond -> framesPerSecond * 1_048_576 / 1e9);

        String format(double jmh) {
            double value = convert.applyAsDouble(jmh);
            return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : value >= 10 ? "%.1f %s" : "%.2f %s", value, name);
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, Score> scores = read(Path.of(args[0]));
        String table = table(scores);
        String heading = ReadmeBlock.heading("./mvnw -Pbenchmarks -pl benchmarks -am verify -DskipTests",
                "± is JMH's 99.9 % interval over the run's iterations");
        ReadmeBlock.rewrite(Path.of(args[1]), BLOCK, heading + System.lineSeparator() + System.lineSeparator() + table);
        System.out.println(table);
        System.out.println("written into " + args[1]);
    }

    /** The scores of a JMH JSON file, by benchmark name (without its package) and parameters ({@code Class.method:PARAM}). */
    static Map<String, Score> read(Path json) throws IOException {
        Map<String, Score> scores = new HashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(json.toFile())) {
            String name = result.get("benchmark").asText();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            JsonNode params = result.get("params");
            if (params != null) {
                List<String> values = new ArrayList<>();
                params.properties().forEach(entry -> values.add(entry.getValue().asText()));
                name += ":" + String.join(",", values);
            }
            JsonNode metric = result.get("primaryMetric");
            double error = metric.get("scoreError").asDouble(Double.NaN);
            scores.put(name, new Score(metric.get("score").asDouble(), error));
        }
        return scores;
    }

    /** The table in Markdown: figure, benchmark, this run's result, the target and whether it was met. */
    static String table(Map<String, Score> scores) {
        Figures figures = new Figures(scores);
        List<String> rows = new ArrayList<>();
        rows.add("| figure | benchmark | result | target |");
        rows.add("|---|---|---|---|");
        rows.add(row("child worker start to ready", "`StartBenchmarks.poolWorkerToReady`",
                figures.one("StartBenchmarks.poolWorkerToReady", Unit.MS_FROM_US) + " (bare `java` hello: "
                        + figures.one("StartBenchmarks.bareChildJvmHello", Unit.MS_FROM_US) + ")",
                figures.atMostOther("StartBenchmarks.poolWorkerToReady", "StartBenchmarks.bareChildJvmHello", "bare hello")));
        rows.add(row("thread start + join", "`platformThreadStartAndJoin` / `virtualThreadStartAndJoin`",
                figures.one("StartBenchmarks.platformThreadStartAndJoin", Unit.US) + " / "
                        + figures.one("StartBenchmarks.virtualThreadStartAndJoin", Unit.US), "—"));
        rows.add(row("pool.map, 1024 tiny tasks, per task", "`PoolBenchmarks.mapTrivialTasks`",
                figures.withError("PoolBenchmarks.mapTrivialTasks", Unit.US),
                figures.target(List.of("PoolBenchmarks.mapTrivialTasks"), Unit.US, 0.5, false)));
        rows.add(row("the same map on as many threads, chunked alike", "`PoolBenchmarks.mapTrivialTasksOnThreadsChunked`",
                figures.withError("PoolBenchmarks.mapTrivialTasksOnThreadsChunked", Unit.US),
                figures.ratio("PoolBenchmarks.mapTrivialTasksOnThreadsChunked", "PoolBenchmarks.mapTrivialTasks", 0.2, "the process pool")));
        rows.add(row("pool.map of one item", "`PoolBenchmarks.mapOneItem`",
                figures.withError("PoolBenchmarks.mapOneItem", Unit.US) + " (bare round trip over a pipe: "
                        + figures.withError("PoolBenchmarks.bareRoundTripOverAPipe", Unit.US) + ")",
                figures.ratio("PoolBenchmarks.mapOneItem", "PoolBenchmarks.bareRoundTripOverAPipe", 1.2, "a bare round trip")));
        List<String> channels = List.of("PIPE", "UNIX", "TCP");
        rows.add(row("small messages to a child JVM (16-byte frames)", "`IpcBenchmarks.smallFrames`",
                figures.perChannel("IpcBenchmarks.smallFrames", channels, Unit.M_PER_S),
                figures.target(names("IpcBenchmarks.smallFrames", channels), Unit.M_PER_S, 2, true)));
        rows.add(row("socket queue, small messages (one JVM)", "`QueueBenchmarks.putAndTakeSmallMessages`",
                figures.withError("QueueBenchmarks.putAndTakeSmallMessages", Unit.M_PER_S),
                figures.target(List.of("QueueBenchmarks.putAndTakeSmallMessages"), Unit.M_PER_S, 2, true)));
        rows.add(row("1 MiB payloads to a child JVM", "`IpcBenchmarks.largeFrames1MiB`",
                figures.perChannel("IpcBenchmarks.largeFrames1MiB", channels, Unit.GB_PER_S_MIB),
                figures.target(names("IpcBenchmarks.largeFrames1MiB", channels), Unit.GB_PER_S_MIB, 3, true)));
        rows.add(row("1-byte round trip", "`IpcBenchmarks.roundTrip1Byte`",
                figures.perChannel("IpcBenchmarks.roundTrip1Byte", channels, Unit.US),
                figures.target(names("IpcBenchmarks.roundTrip1Byte", channels), Unit.US, 15, false)));
        rows.add(row("shared counter, atomic (2 threads, mapped file)", "`CounterBenchmarks.sharedMemoryAtomic`",
                figures.one("CounterBenchmarks.sharedMemoryAtomic", Unit.M_PER_S_FROM_US) + " (locked: "
                        + figures.one("CounterBenchmarks.sharedMemoryLocked", Unit.M_PER_S_FROM_US) + ")",
                figures.target(List.of("CounterBenchmarks.sharedMemoryAtomic"), Unit.M_PER_S_FROM_US, 30, true)));
        rows.add(row("counters under contention, 2 threads", "`CounterBenchmarks`",
                "`synchronized` " + figures.one("CounterBenchmarks.synchronizedBlock", Unit.M_PER_S_FROM_US)
                        + ", `ReentrantLock` " + figures.one("CounterBenchmarks.reentrantLock", Unit.M_PER_S_FROM_US)
                        + ", `AtomicLong` " + figures.one("CounterBenchmarks.atomicLong", Unit.M_PER_S_FROM_US)
                        + ", `LongAdder` " + figures.one("CounterBenchmarks.longAdder", Unit.M_PER_S_FROM_US), "—"));
        rows.add(row("hand-off between threads, round trip", "`HandoffBenchmarks.roundTrip`",
                List.of("LinkedTransferQueue", "SynchronousQueue", "ArrayBlockingQueue", "LinkedBlockingQueue").stream()
                        .map(queue -> "`" + queue + "` " + figures.one("HandoffBenchmarks.roundTrip:" + queue, Unit.US_FROM_NS))
                        .collect(Collectors.joining(", ")), "—"));
        return String.join(System.lineSeparator(), rows) + System.lineSeparator();
    }

    private static List<String> names(String benchmark, List<String> params) {
        return params.stream().map(param -> benchmark + ":" + param).toList();
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    /** The scores, formatted; "not run" for a benchmark the JSON does not hold. */
    record Figures(Map<String, Score> scores) {

        private static final String NOT_RUN = "not run";

        Optional<Score> score(String name) {
            return Optional.ofNullable(scores.get(name));
        }

        String one(String name, Unit unit) {
            return score(name).map(score -> unit.format(score.value())).orElse(NOT_RUN);
        }

        String withError(String name, Unit unit) {
            return score(name).map(score -> unit.format(score.value()) + (Double.isNaN(score.error()) ? ""
                    : " ± " + unit.format(score.error()).replace(" " + unit.name(), ""))).orElse(NOT_RUN);
        }

        String perChannel(String benchmark, List<String> channels, Unit unit) {
            return channels.stream().map(channel -> channelName(channel) + " " + one(benchmark + ":" + channel, unit))
                    .collect(Collectors.joining(", "));
        }

        /** "≥ 2 M/s: met", "met (pipe, UDS)" when only some channels met it, "**not met**", or "not run". */
        String target(List<String> names, Unit unit, double limit, boolean atLeast) {
            String bound = (atLeast ? "≥ " : "≤ ") + new Unit(unit.name(), x -> x).format(limit).replaceAll("\\.0+ ", " ");
            List<String> run = names.stream().filter(scores::containsKey).toList();
            if (run.isEmpty()) {
                return bound + ": " + NOT_RUN;
            }
            List<String> met = run.stream().filter(name -> {
                double value = unit.convert().applyAsDouble(scores.get(name).value());
                return atLeast ? value >= limit : value <= limit;
            }).toList();
            if (met.size() == run.size()) {
                return bound + ": met";
            }
            if (met.isEmpty()) {
                return bound + ": **not met**";
            }
            return bound + ": met (" + met.stream().map(name -> channelName(name.substring(name.indexOf(':') + 1)))
                    .collect(Collectors.joining(", ")) + ")";
        }

        /** Whether {@code name} came out no slower than {@code other}, and whether the difference is within their errors. */
        String atMostOther(String name, String other, String otherName) {
            Optional<Score> mine = score(name);
            Optional<Score> theirs = score(other);
            if (mine.isEmpty() || theirs.isEmpty()) {
                return "≤ " + otherName + ": " + NOT_RUN;
            }
            double difference = mine.get().value() - theirs.get().value();
            double noise = Math.max(nanToZero(mine.get().error()), nanToZero(theirs.get().error()));
            String verdict = difference <= 0 ? "met" : "**not met**";
            return "≤ " + otherName + ": " + verdict + (Math.abs(difference) <= noise ? ", within noise (± "
                    + Unit.MS_FROM_US.format(noise) + ")" : "");
        }

        /** "≤ 0.2x the process pool: met (0.13x)": {@code name}'s score over {@code other}'s, against {@code limit}. */
        String ratio(String name, String other, double limit, String otherName) {
            String bound = "≤ " + limit + "x " + otherName;
            Optional<Score> mine = score(name);
            Optional<Score> theirs = score(other);
            if (mine.isEmpty() || theirs.isEmpty()) {
                return bound + ": " + NOT_RUN;
            }
            double ratio = mine.get().value() / theirs.get().value();
            return bound + ": " + (ratio <= limit ? "met" : "**not met**") + String.format(Locale.ROOT, " (%.2fx)", ratio);
        }

        private static double nanToZero(double value) {
            return Double.isNaN(value) ? 0 : value;
        }

        private static String channelName(String channel) {
            return switch (channel) {
                case "PIPE" -> "pipe";
                case "UNIX" -> "UDS";
                default -> channel;
            };
        }
    }
}
