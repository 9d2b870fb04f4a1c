package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.ipc.QueueHost;
import dev.concurrencylab.ipc.QueueRun;

import java.util.List;

/*
 * Lesson socket-queue: one queue, many processes.
 *
 * Mirrors notebook 003's multiprocessing.Queue: a sender process puts, the parent gets. Python's
 * Queue works across processes because a feeder thread pickles each item into a pipe. Here the
 * parent hosts the queue (ipc's QueueHost) on a Unix-domain socket in a directory only you can
 * enter, or on TCP loopback where Unix sockets are missing, and any number of child JVMs connect
 * as producers and consumers.
 *
 * What a queue must promise when several processes share it: nothing lost, nothing delivered
 * twice. Each consumer reports exactly which numbers it got (as a bit set), so the lesson can
 * count duplicates and losses, not just totals. And the speed comes from batching: a consumer
 * asks for up to 1000 items per request, a producer sends 1000 per frame, so the system calls
 * are paid per batch, not per message. (Python's Queue sends one pickle per put.)
 */
@LessonCard(id = "socket-queue", place = "3.2", notebooks = "003",
        title = "A queue shared by several processes over a Unix-domain socket: nothing lost, nothing twice",
        keys = {"producers", "consumers", "sent", "received", "duplicates", "msgs_per_s"},
        parameters = {
                @LessonCard.Param(name = "producers", meaning = "producer child JVMs sharing the messages, each putting its own range of numbers",
                        unit = "count", full = 2, quick = 2, min = 1, max = 8),
                @LessonCard.Param(name = "consumers", meaning = "consumer child JVMs taking from the queue at once",
                        unit = "count", full = 2, quick = 2, min = 1, max = 8)})
public final class SocketQueueLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new SocketQueueLesson(), args);
    }

    static final int BATCH = 1000;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("duplicated", "a message arrived twice",
                        seen -> seen.number("duplicates") > 0),
                Outcome.forbidden("lost", "a message that was put never arrived",
                        seen -> seen.number("lost") > 0 || seen.number("received") != seen.number("sent")));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int producers = context.count("producers");
        // The same messages however many producers share them, so that runs with other counts compare.
        int perProducer = context.size(400_000, 4_000_000) / producers;
        int consumers = context.count("consumers");
        QueueRun.Result result;
        try (QueueHost host = QueueHost.start()) {
            context.say("queue host at %s; %d producer and %d consumer child JVMs, %,d messages each, batches of %d",
                    host.address(), producers, consumers, perProducer, BATCH);
            result = QueueRun.run(host, producers, consumers, perProducer, BATCH);
        }
        context.say("sent %,d, received %,d, duplicates %d, lost %d, in %.3f s: %.2f million messages per second",
                result.sent(), result.received(), result.duplicates(), result.lost(), result.seconds(),
                result.messagesPerSecond() / 1e6);
        return new Observations()
                .put("transport_unix", result.transport().equals("unix"), "served on a Unix-domain socket (false: TCP loopback)")
                .put("producers", producers, "producer child JVMs")
                .put("consumers", consumers, "consumer child JVMs")
                .put("sent", result.sent(), "messages the producers put")
                .put("received", result.received(), "messages the consumers took")
                .put("duplicates", result.duplicates(), "messages more than one consumer took")
                .put("lost", result.lost(), "messages no consumer took")
                .put("msgs_per_s", result.messagesPerSecond(), "messages per second, from go to the last consumer's report")
                .conclude(String.format("%,d sent, %,d received, %d duplicates, %d lost; %.2f M msgs/s",
                        result.sent(), result.received(), result.duplicates(), result.lost(), result.messagesPerSecond() / 1e6));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run socket-queue
 *     ./concurrency-lab sweep socket-queue -p consumers=1,2,4,8   (more takers than cores: does it still pay?)
 *
 * What a run shows: the block `<!-- observed socket-queue -->` in this module's README.md, which
 * `./concurrency-lab observed socket-queue` rewrites from a real run on the reader's machine.
 */
