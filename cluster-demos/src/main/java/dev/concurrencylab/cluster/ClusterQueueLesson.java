package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.ipc.QueueHost;
import dev.concurrencylab.ipc.QueueRun;

import com.hazelcast.collection.IQueue;

import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/*
 * Lesson cluster-queue: the notebook's sender and receiver, with the queue in a cluster.
 *
 * Mirrors notebook 003's sender-receiver once more: a sender puts 0, 1, 2, ... for ever, the
 * receiver takes ten and then terminates the sender. Here the queue is a Hazelcast IQueue and the
 * sender is a cluster member in a JVM of its own; the receiver is this JVM, a client of the
 * cluster. An IQueue is not spread over the cluster: it lives in one partition, on that
 * partition's owner, with a copy on a backup member. What the cluster adds is that the queue is
 * nobody's process in particular: the sender can go, and the queue stays.
 *
 * Then several producers and consumers on several members: two members put numbers, a third member
 * and this client take them, and every consumer reports which numbers it got (a bit set). Union
 * and overlaps say whether anything was lost or taken twice. Beside it, in the same run, the ipc
 * chapter's socket queue with the same shape (two producer and two consumer JVMs, one message per
 * put). The two do not promise the same thing: an IQueue put returns when the owner and its backup
 * have the item; a socket-queue put returns when the bytes are written.
 */
@LessonCard(id = "cluster-queue", place = "4.2", notebooks = "003",
        title = "A sender member puts for ever, the client takes ten and terminates it; producers and consumers across members",
        keys = {"received", "sender_terminated", "sent", "delivered", "duplicates", "msgs_per_s",
        "socket_queue_msgs_per_s"})
public final class ClusterQueueLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ClusterQueueLesson(), args);
    }

    static final int TO_RECEIVE = 10;

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("received_other_items", "the client did not take 0 to 9 in order",
                        seen -> !seen.longs("received").equals(LongStream.range(0, TO_RECEIVE).boxed().toList())),
                Outcome.forbidden("sender_survived", "the sender member was still alive after terminate",
                        seen -> !seen.flag("sender_terminated")),
                Outcome.forbidden("lost", "a number that was put was taken by no consumer",
                        seen -> seen.number("delivered") != seen.number("sent")),
                Outcome.forbidden("duplicated", "a number was taken twice", seen -> seen.number("duplicates") > 0),
                Outcome.interesting("socket_queue_faster", "the one-machine socket queue moves more messages per second",
                        seen -> seen.number("socket_queue_msgs_per_s") > seen.number("msgs_per_s"),
                        seen -> "in this run the IQueue moved " + Math.round(seen.number("msgs_per_s")) + " msgs/s, the socket queue "
                                + Math.round(seen.number("socket_queue_msgs_per_s"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int perProducer = context.size(300, 10_000);
        List<Long> received = new ArrayList<>();
        boolean terminated;
        long sent = 2L * perProducer;
        BitSet union = new BitSet();
        long duplicates = 0;
        double seconds;
        try (LocalCluster cluster = LocalCluster.start(4, 31, LocalCluster.Jit.FULL)) {
            // Part 1: member 4 is the sender; this client is the receiver.
            IQueue<Integer> numbers = cluster.client().getQueue("numbers");
            cluster.ask(3, "send numbers " + context.size(20, 500));
            for (int i = 0; i < TO_RECEIVE; i++) {
                Integer x = numbers.poll(Timeouts.seconds(30).toMillis(), TimeUnit.MILLISECONDS);
                if (x == null) {
                    throw new IllegalStateException("the sender member put nothing for 30 s");
                }
                received.add((long) x);
            }
            ChildJvm sender = cluster.members().get(3);
            sender.handle().destroy(); // p.terminate(): SIGTERM
            sender.waitFor(Timeouts.seconds(60));
            terminated = !sender.isAlive();
            context.say("received %s from the sender member; terminated: %s; the queue lives on in the cluster (%d items in it)",
                    received, terminated, numbers.size());

            // Part 2: members 1 and 2 produce, member 3 and this client consume.
            IQueue<Integer> work = cluster.client().getQueue("work");
            long start = System.nanoTime();
            cluster.members().get(0).sendLine("produce work 0 " + perProducer);
            cluster.members().get(1).sendLine("produce work " + perProducer + " " + perProducer);
            cluster.members().get(2).sendLine("consume work " + perProducer);
            BitSet mine = new BitSet();
            for (int i = 0; i < perProducer; i++) {
                Integer x = work.poll(Timeouts.seconds(60).toMillis(), TimeUnit.MILLISECONDS);
                if (x == null) {
                    throw new IllegalStateException("the work queue gave nothing for 60 s after " + i + " items");
                }
                duplicates += mine.get(x) ? 1 : 0;
                mine.set(x);
            }
            cluster.answer(0, "produce");
            cluster.answer(1, "produce");
            String[] theirs = cluster.answer(2, "consume").split(" ");
            seconds = (System.nanoTime() - start) / 1e9;
            BitSet other = BitSet.valueOf(Base64.getDecoder().decode(theirs.length > 2 ? theirs[2] : ""));
            duplicates += Long.parseLong(theirs[1]);
            BitSet both = (BitSet) mine.clone();
            both.and(other);
            duplicates += both.cardinality();
            union.or(mine);
            union.or(other);
        }
        long delivered = union.get(0, (int) sent).cardinality();
        double perSecond = sent / seconds;
        context.say("2 producer members put %,d numbers; a member and this client took them: %,d delivered, %d duplicates, "
                + "in %.2f s: %,.0f msgs/s", sent, delivered, duplicates, seconds, perSecond);

        QueueRun.Result socket;
        try (QueueHost host = QueueHost.start()) {
            socket = QueueRun.run(host, 2, 2, perProducer, 1);
        }
        context.say("the socket queue, same shape (2 producer and 2 consumer JVMs, one message per put): %,.0f msgs/s, "
                + "%.1fx the IQueue's", socket.messagesPerSecond(), socket.messagesPerSecond() / perSecond);
        return new Observations()
                .put("received", received, "the values the client took from the sender member, in order")
                .put("sender_terminated", terminated, "the endless sender member was ended from outside")
                .put("sent", sent, "numbers the two producer members put")
                .put("delivered", delivered, "distinct numbers the consumers took")
                .put("duplicates", duplicates, "numbers taken more than once")
                .put("msgs_per_s", perSecond, "IQueue messages per second, from the first put to the last take")
                .put("socket_queue_msgs_per_s", socket.messagesPerSecond(), "the socket queue's messages per second, same run")
                .conclude(String.format("ten taken from a member, which was then terminated; %,d of %,d delivered once each "
                        + "at %,.0f msgs/s, against %,.0f for the socket queue", delivered, sent, perSecond, socket.messagesPerSecond()));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run cluster-queue          (--quick: 300 numbers per producer instead of 10 000, a sender every 20 ms)
 *     ./concurrency-lab run cluster-queue --verbose   (Hazelcast's own log: the lesson's client's, and a failing member's in its error)
 *
 * What a run shows: the block `<!-- observed cluster-queue -->` in this module's README.md, which
 * `./concurrency-lab observed cluster-queue` rewrites from a real run on the reader's machine.
 */
