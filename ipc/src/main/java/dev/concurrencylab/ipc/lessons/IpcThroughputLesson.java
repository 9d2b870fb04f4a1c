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
import dev.concurrencylab.ipc.QueueHost;
import dev.concurrencylab.ipc.QueueRun;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/*
 * Lesson ipc-throughput: the channels side by side.
 *
 * No notebook mirrors this one; it puts numbers on the question the others raise: once processes
 * must talk, what does talking cost? Between this JVM and a child JVM, over a pipe (the child's
 * stdin/stdout), a Unix-domain socket and TCP on loopback, three measurements each: small frames
 * streamed one way (batched writes), 1 MiB payloads streamed one way, and 1-byte round trips. Then
 * the socket queue with a producer and a consumer JVM, and a counter in shared memory incremented
 * atomically by two JVMs, which needs no system call at all.
 *
 * Python's side of the same question is measured by ipc/python/multiprocessing_baseline.py
 * (multiprocessing.Queue, Pipe and Value on your machine); run it beside this lesson and compare.
 */
@LessonCard(id = "ipc-throughput", place = "3.4",
        title = "IPC throughput: pipe, Unix socket, TCP, socket queue and shared memory side by side",
        keys = {"msgs_per_s_pipe", "mb_per_s_pipe", "round_trip_us_pipe", "msgs_per_s_tcp", "mb_per_s_tcp",
        "msgs_per_s_queue", "shared_counter_m_per_s", "streams_intact"})
public final class IpcThroughputLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new IpcThroughputLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("stream_damaged", "a stream over a pipe or socket arrived out of order, short or altered",
                        seen -> !seen.flag("streams_intact")),
                Outcome.forbidden("queue_lost_or_duplicated", "the socket queue lost or duplicated a message",
                        seen -> seen.number("queue_lost") != 0 || seen.number("queue_duplicates") != 0),
                Outcome.interesting("shared_memory_fastest", "the shared counter beats every channel's small-message rate",
                        seen -> seen.number("shared_counter_m_per_s") * 1e6 > seen.values().entrySet().stream()
                                .filter(entry -> entry.getKey().startsWith("msgs_per_s_"))
                                .mapToDouble(entry -> ((Number) entry.getValue()).doubleValue()).max().orElse(0),
                        seen -> "a channel moved small messages faster than two JVMs incremented the shared counter"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        long small = context.size(500_000, 5_000_000);
        long large = context.size(64, 1024);
        int trips = context.size(2_000, 20_000);
        Observations seen = new Observations();
        boolean intact = true;
        List<ChildLink.Kind> kinds = new ArrayList<>(List.of(ChildLink.Kind.PIPE, ChildLink.Kind.TCP));
        if (Endpoint.unixSocketsAvailable()) {
            kinds.add(1, ChildLink.Kind.UNIX);
        }
        /*
         * One sink child and one echo child per channel, all started before anything is timed;
         * then interleaved rounds, as a benchmark runs them: in every round, every channel streams
         * small frames, then 1 MiB frames, then makes its round trips. A neighbour that loads the
         * machine for a second slows one round of every channel, not every round of one.
         */
        int rounds = context.size(2, 3);
        Map<ChildLink.Kind, ChildLink> sinks = new EnumMap<>(ChildLink.Kind.class);
        Map<ChildLink.Kind, ChildLink> echoes = new EnumMap<>(ChildLink.Kind.class);
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        try {
            for (ChildLink.Kind kind : kinds) {
                sinks.put(kind, ChildLink.open(kind, "sink"));
                echoes.put(kind, ChildLink.open(kind, "echo"));
            }
            for (int round = 0; round < rounds; round++) {
                for (ChildLink.Kind kind : kinds) {
                    String name = kind.name().toLowerCase(Locale.ROOT);
                    ChildLink.Stream smallStream = sinks.get(kind).stream(small, 16);
                    ChildLink.Stream largeStream = sinks.get(kind).stream(large, 1 << 20);
                    Summary roundTrip = echoes.get(kind).roundTrips(trips, 1);
                    intact &= smallStream.intact() && largeStream.intact();
                    samples.computeIfAbsent("msgs_per_s_" + name, key -> new ArrayList<>()).add(smallStream.framesPerSecond());
                    samples.computeIfAbsent("mb_per_s_" + name, key -> new ArrayList<>()).add(largeStream.megabytesPerSecond());
                    samples.computeIfAbsent("round_trip_us_" + name, key -> new ArrayList<>()).add(roundTrip.median());
                }
            }
        } finally {
            for (ChildLink link : sinks.values()) {
                link.close();
            }
            for (ChildLink link : echoes.values()) {
                link.close();
            }
        }
        context.say("%d interleaved rounds per channel; median (min to max):", rounds);
        for (ChildLink.Kind kind : kinds) {
            String name = kind.name().toLowerCase(Locale.ROOT);
            Summary smallRate = Summary.of(samples.get("msgs_per_s_" + name));
            Summary largeRate = Summary.of(samples.get("mb_per_s_" + name));
            Summary trip = Summary.of(samples.get("round_trip_us_" + name));
            context.say("  %-5s %6.2f M small msgs/s (%.2f to %.2f), %6.0f MB/s of 1 MiB payloads (%.0f to %.0f), "
                            + "round trip %.1f us (%.1f to %.1f)", name, smallRate.median() / 1e6, smallRate.min() / 1e6,
                    smallRate.max() / 1e6, largeRate.median(), largeRate.min(), largeRate.max(), trip.median(), trip.min(),
                    trip.max());
            seen.put("msgs_per_s_" + name, smallRate.median(), name + ": 16-byte frames per second, one way (median of the rounds)")
                    .put("mb_per_s_" + name, largeRate.median(), name + ": MB per second of 1 MiB frames (median of the rounds)")
                    .put("round_trip_us_" + name, trip.median(), name + ": 1-byte round trip, microseconds (median of the rounds' medians)");
        }

        QueueRun.Result queue;
        try (QueueHost host = QueueHost.start()) {
            queue = QueueRun.run(host, 1, 1, (int) small, SocketQueueLesson.BATCH);
        }
        context.say("queue (%s, 1 producer, 1 consumer JVM, batches of %d): %.2f M msgs/s",
                queue.transport(), SocketQueueLesson.BATCH, queue.messagesPerSecond() / 1e6);
        seen.put("streams_intact", intact, "every stream arrived whole and in order (checked by the child)")
                .put("msgs_per_s_queue", queue.messagesPerSecond(), "socket queue: messages per second, producer JVM to consumer JVM")
                .put("queue_lost", queue.lost(), "socket queue: messages put and never taken")
                .put("queue_duplicates", queue.duplicates(), "socket queue: messages taken twice");

        long increments = context.size(2_000_000, 20_000_000);
        double seconds;
        try (SharedCounterRun run = new SharedCounterRun(2, SharedCounterRun.Mapping.BUFFER)) {
            seconds = run.phase("atomic", increments);
        }
        double perSecond = 2 * increments / seconds;
        context.say("shared memory: %.1f M atomic increments/s from 2 JVMs", perSecond / 1e6);
        seen.put("shared_counter_m_per_s", perSecond / 1e6, "shared memory: million atomic increments per second, 2 JVMs");

        return seen.conclude(String.format("small msgs: pipe %.1f M/s, queue %.1f M/s; 1 MiB: pipe %.0f MB/s; shared counter %.0f M/s",
                seen.number("msgs_per_s_pipe") / 1e6, queue.messagesPerSecond() / 1e6, seen.number("mb_per_s_pipe"), perSecond / 1e6));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run ipc-throughput          (--quick: fewer messages; the full run is the one the figures quote)
 *
 * What a run shows: the block `<!-- observed ipc-throughput -->` in this module's README.md, which
 * `./concurrency-lab observed ipc-throughput` rewrites from a real run on the reader's machine.
 */
