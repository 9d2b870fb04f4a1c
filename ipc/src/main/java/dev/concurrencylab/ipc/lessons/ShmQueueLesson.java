package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.ChildLink;
import dev.concurrencylab.ipc.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Lesson shm-queue: a queue between JVMs with no system call per message.
 *
 * Java only: Python's multiprocessing.Queue is a pipe with a lock and a feeder thread, and every
 * message crosses the kernel twice. Here two JVMs map the same file, and a single-producer
 * single-consumer ring buffer in it (ipc's RingQueue) carries records: the producer writes a
 * record and publishes it with a release store of its position; the consumer sees the position
 * with an acquire load, and the record with it. A producer killed mid-record never published it,
 * so no half record is ever read (RingQueueTest kills one to show it).
 *
 * Beside it, in the same run: Agrona's OneToOneRingBuffer over the same kind of mapped file, the
 * well-kept ring that Aeron is built on, as the reference; and a Unix-domain socket, the channel
 * the socket-queue lesson uses. Three measurements each: a stream of 8-byte records
 * (16-byte frames on the socket), a stream of 1 MiB records, and 1-byte round trips. The rings'
 * ends spin while they wait: a core each, the price of their latency (the CPU cost per record is
 * in the table; RingQueue.Waiting.BACK_OFF trades latency for idle CPU).
 */
@LessonCard(id = "shm-queue", place = "3.5",
        title = "A shared-memory queue between JVMs: no system call per message, against Agrona and a Unix socket",
        keys = {"ring_small_msgs_per_s", "agrona_small_msgs_per_s", "ring_mb_per_s", "agrona_mb_per_s",
        "ring_round_trip_us", "agrona_round_trip_us", "ring_vs_agrona_small", "records_intact"})
public final class ShmQueueLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ShmQueueLesson(), args);
    }

    static final List<String> RINGS = List.of("ring", "agrona");

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("record_damaged", "a record arrived out of order, short or altered (checked by the consumer)",
                        seen -> !seen.flag("records_intact")),
                Outcome.interesting("ring_near_agrona", "the project's ring moves small records at least 0.8x as fast as Agrona's",
                        seen -> seen.number("ring_vs_agrona_small") >= 0.8,
                        seen -> String.format("%.2fx of Agrona's rate in this run", seen.number("ring_vs_agrona_small"))),
                Outcome.interesting("ring_beats_socket", "the ring moves small records faster than the Unix socket moves small frames",
                        seen -> !seen.values().containsKey("uds_small_msgs_per_s")
                                || seen.number("ring_small_msgs_per_s") > seen.number("uds_small_msgs_per_s"),
                        seen -> String.format("ring %.2f M/s, socket %.2f M/s", seen.number("ring_small_msgs_per_s") / 1e6,
                                seen.number("uds_small_msgs_per_s") / 1e6)));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        long small = context.size(2_000_000, 20_000_000);
        long large = context.size(100, 1000);
        int trips = context.size(20_000, 200_000);
        int rounds = context.size(1, 3);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        boolean intact = true;
        for (int round = 0; round < rounds; round++) {
            for (String kind : RINGS) {
                RingRun.Stream smallStream;
                RingRun.Stream largeStream;
                try (RingRun ring = RingRun.create(kind, 1 << 20)) {
                    smallStream = ring.stream(small, 8);
                }
                try (RingRun ring = RingRun.create(kind, 1 << 24)) {
                    largeStream = ring.stream(large, 1 << 20);
                }
                double trip = RingRun.roundTripMedian(kind, trips);
                add(samples, kind + "_small_msgs_per_s", smallStream.recordsPerSecond());
                add(samples, kind + "_small_cpu_ns", smallStream.cpuNanosPerRecord());
                add(samples, kind + "_mb_per_s", largeStream.megabytesPerSecond());
                add(samples, kind + "_large_cpu_us", largeStream.cpuNanosPerRecord() / 1e3);
                add(samples, kind + "_round_trip_us", trip);
            }
            if (Endpoint.unixSocketsAvailable()) {
                try (ChildLink sink = ChildLink.open(ChildLink.Kind.UNIX, "sink"); ChildLink echo = ChildLink.open(ChildLink.Kind.UNIX, "echo")) {
                    ChildLink.Stream smallStream = sink.stream(small, 16);
                    ChildLink.Stream largeStream = sink.stream(large, 1 << 20);
                    intact &= smallStream.intact() && largeStream.intact();
                    add(samples, "uds_small_msgs_per_s", smallStream.framesPerSecond());
                    add(samples, "uds_mb_per_s", largeStream.megabytesPerSecond());
                    add(samples, "uds_round_trip_us", echo.roundTrips(trips, 1).median());
                }
            }
        }
        // A consumer that saw a record out of order or altered ends its stream with an error, which stops the lesson;
        // reaching here means every record of every ring stream was checked and whole.

        context.say("%d round(s); %,d records of 8 bytes, %,d of 1 MiB, %,d one-byte round trips per channel; median (min to max):",
                rounds, small, large, trips);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("channel", "small records/s", "CPU ns/record", "1 MiB MB/s", "CPU us/MiB", "round trip us"));
        for (String kind : List.of("ring", "agrona", "uds")) {
            if (!samples.containsKey(kind + "_small_msgs_per_s")) {
                continue;
            }
            boolean ring = !kind.equals("uds");
            table.add(List.of(switch (kind) {
                        case "ring" -> "RingQueue (this project)";
                        case "agrona" -> "Agrona OneToOneRingBuffer";
                        default -> "Unix-domain socket";
                    }, range(samples.get(kind + "_small_msgs_per_s"), 1e6, "%.2f M"),
                    ring ? range(samples.get(kind + "_small_cpu_ns"), 1, "%.0f") : "not measured",
                    range(samples.get(kind + "_mb_per_s"), 1, "%.0f"),
                    ring ? range(samples.get(kind + "_large_cpu_us"), 1, "%.0f") : "not measured",
                    range(samples.get(kind + "_round_trip_us"), 1, "%.2f")));
        }
        context.sayTable(table);

        Observations seen = new Observations();
        for (Map.Entry<String, List<Double>> entry : samples.entrySet()) {
            seen.put(entry.getKey(), Summary.of(entry.getValue()).median(), meaning(entry.getKey()));
        }
        double vsAgrona = seen.number("ring_small_msgs_per_s") / seen.number("agrona_small_msgs_per_s");
        seen.put("ring_vs_agrona_small", vsAgrona, "the project's ring over Agrona's, small records per second")
                .put("records_intact", intact, "every record and frame arrived whole and in order (checked at the receiving end)");
        return seen.conclude(String.format("small records: ring %.1f M/s (%.2fx Agrona's)%s; 1 MiB: ring %.0f MB/s; round trip: ring %.2f us",
                seen.number("ring_small_msgs_per_s") / 1e6, vsAgrona, samples.containsKey("uds_small_msgs_per_s")
                        ? String.format(", Unix socket %.1f M/s", seen.number("uds_small_msgs_per_s") / 1e6) : "",
                seen.number("ring_mb_per_s"), seen.number("ring_round_trip_us")));
    }

    private static void add(Map<String, List<Double>> samples, String key, double value) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    private static String range(List<Double> values, double unit, String format) {
        Summary s = Summary.of(values);
        return values.size() == 1 ? String.format(format, s.median() / unit)
                : String.format(format + " (" + format + " to " + format + ")", s.median() / unit, s.min() / unit, s.max() / unit);
    }

    private static String meaning(String key) {
        String channel = key.startsWith("ring") ? "RingQueue" : key.startsWith("agrona") ? "Agrona's ring" : "Unix-domain socket";
        String what = key.contains("small_msgs") ? "records per second, 8 bytes each (the socket: 16-byte frames), one way"
                : key.contains("small_cpu") ? "CPU nanoseconds per small record, producer and consumer together"
                : key.contains("large_cpu") ? "CPU microseconds per 1 MiB record, producer and consumer together"
                : key.contains("mb_per_s") ? "MB per second of 1 MiB records, one way"
                : "1-byte round trip in microseconds, the median of its trips";
        return channel + ": " + what + " (median of the rounds)";
    }
}

/*
 * Run it:
 *     ./concurrency-lab run shm-queue          (--quick: one round, a tenth of the records)
 *
 * What you should see: both rings far ahead of the socket on round trips, since neither makes a
 * system call per record, and the CPU each spends, because both ends spin. On small records the
 * order depends on the run (the socket batches its writes, and a quick run is too short to warm
 * either ring up): the block `<!-- observed shm-queue -->` in this module's README.md shows one.
 */
