package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.collection.IQueue;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.properties.ClusterProperty;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/*
 * Lesson member-failure: what a cluster keeps when a member dies, and how it finds out.
 *
 * Extends notebook 003's terminate() to a cluster. Every partition of a map or a queue has an owner
 * and, by default, one backup on another member. A put returns only once the backup has the entry
 * too, so what was acknowledged lives on two members.
 *
 * Part 1: with an IMap and an IQueue full, one member of three is killed with SIGKILL. Its sockets
 * close with it, the others notice within about a second, promote the backups of its partitions,
 * and nothing acknowledged is lost.
 * Part 2: back to three members; then two are killed at once. A partition whose owner and backup
 * were both on those two is gone: one backup protects against one failure at a time, and the
 * backup count is how many at once.
 * Part 3: a member is frozen with SIGSTOP instead. It is not dead: its sockets stay open, so only
 * the missing heartbeats give it away, after the configured silence (this lesson sets it; the
 * default is a minute).
 */
@LessonCard(id = "member-failure", place = "4.5", notebooks = "002",
        title = "kill -9 a member: backups keep every entry; kill two of three and some are gone; SIGSTOP waits for the heartbeat",
        keys = {"killed", "entries_before", "entries_after", "lost", "detect_ms", "frozen_detect_ms"})
public final class MemberFailureLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new MemberFailureLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("one_death_lost_data", "an acknowledged entry or message was lost when one member died",
                        seen -> seen.number("lost") > 0 || seen.number("messages_lost") > 0),
                Outcome.forbidden("frozen_detected_before_the_heartbeat", "a frozen member was removed before its heartbeat timeout",
                        seen -> seen.number("frozen_detect_ms") >= 0
                                && seen.number("frozen_detect_ms") < seen.number("heartbeat_s") * 1000 * 0.8),
                Outcome.interesting("two_deaths_lost_data", "killing two of three members with one backup lost entries",
                        seen -> seen.number("two_killed_lost") > 0,
                        seen -> "no partition had both its owner and its backup on the two killed members"),
                Outcome.interesting("a_kill_is_seen_before_a_freeze", "a killed member is noticed sooner than a frozen one",
                        seen -> seen.number("detect_ms") < seen.number("frozen_detect_ms"),
                        seen -> "in this run the kill took " + (long) seen.number("detect_ms") + " ms to notice, the freeze "
                                + (long) seen.number("frozen_detect_ms") + " ms"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int entries = context.size(2_000, 20_000);
        int messages = context.size(500, 5_000);
        int heartbeatSeconds = context.size(5, 10);
        Map<UUID, Long> removedAt = new ConcurrentHashMap<>();
        Observations seen = new Observations();
        try (LocalCluster cluster = LocalCluster.start(3, 5, 31, heartbeatSeconds, LocalCluster.Jit.QUICK_START)) {
            cluster.client().getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent event) {
                    // only removals are timed
                }

                @Override
                public void memberRemoved(MembershipEvent event) {
                    removedAt.put(event.getMember().getUuid(), System.nanoTime());
                }
            });
            IMap<Integer, Integer> map = cluster.client().getMap("data");
            IQueue<Integer> queue = cluster.client().getQueue("jobs");

            // Part 1: one of three killed.
            fill(map, queue, entries, messages);
            awaitSafe(cluster, 0);
            long killedAt = System.nanoTime();
            cluster.kill(1);
            long detectMillis = awaitRemoval(removedAt, cluster.uuid(1), killedAt);
            awaitSafe(cluster, 0);
            int entriesAfter = map.size();
            int messagesAfter = queue.size();
            context.say("kill -9 of member 2 of 3: noticed after %d ms; map %,d -> %,d entries, queue %,d -> %,d messages",
                    detectMillis, entries, entriesAfter, messages, messagesAfter);

            // Part 2: back to three, then two killed at once.
            cluster.addMembers(1); // member 4
            awaitSafe(cluster, 0);
            long twoKilledAt = System.nanoTime();
            cluster.kill(0);
            cluster.kill(2);
            awaitRemoval(removedAt, cluster.uuid(0), twoKilledAt);
            awaitRemoval(removedAt, cluster.uuid(2), twoKilledAt);
            awaitSafe(cluster, 3);
            int survivors = map.size();
            context.say("two of three killed at once (one backup each): %,d of %,d entries left, %,d lost", survivors, entries,
                    entries - survivors);

            // Part 3: a member frozen, not killed.
            long frozenMillis = -1;
            if (LocalCluster.canFreeze()) {
                cluster.addMembers(1); // member 5, beside member 4
                awaitSafe(cluster, 3);
                long frozenAt = System.nanoTime();
                cluster.freeze(4);
                frozenMillis = awaitRemoval(removedAt, cluster.uuid(4), frozenAt);
                context.say("SIGSTOP of a member: removed after %d ms (heartbeat timeout %d s here; %s s by default)",
                        frozenMillis, heartbeatSeconds, ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getDefaultValue());
            } else {
                context.say("this system has no SIGSTOP to send: the frozen member part is left out");
            }
            seen.put("killed", 1, "members killed in part 1")
                    .put("entries_before", entries, "map entries put (each acknowledged) before the kill")
                    .put("entries_after", entriesAfter, "map entries after one member of three was killed")
                    .put("lost", entries - entriesAfter, "entries lost to one death")
                    .put("messages_lost", messages - messagesAfter, "queue messages lost to one death")
                    .put("detect_ms", detectMillis, "from kill -9 to the member's removal, as the client saw it")
                    .put("two_killed_lost", entries - survivors, "entries lost when two of three died at once")
                    .put("heartbeat_s", heartbeatSeconds, "the silence after which a member is removed (hazelcast.max.no.heartbeat.seconds)")
                    .put("default_heartbeat_s", Long.parseLong(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getDefaultValue()),
                            "that setting's default")
                    .put("frozen_detect_ms", frozenMillis, "from SIGSTOP to the member's removal (-1: not tried)")
                    .conclude(String.format("one of three killed: noticed in %d ms, %d of %,d entries lost; two at once: %,d lost; "
                            + "frozen: removed after %d ms with a %d s heartbeat timeout", detectMillis, entries - entriesAfter,
                            entries, entries - survivors, frozenMillis, heartbeatSeconds));
        }
        return seen;
    }

    private static void fill(IMap<Integer, Integer> map, IQueue<Integer> queue, int entries, int messages) {
        Map<Integer, Integer> batch = new HashMap<>();
        IntStream.range(0, entries).forEach(i -> batch.put(i, i));
        map.putAll(batch);
        queue.addAll(IntStream.range(0, messages).boxed().toList());
    }

    /** Waits (bounded) until member {@code index} says every partition has its backups. */
    private static void awaitSafe(LocalCluster cluster, int index) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.seconds(60).toNanos();
        while (!cluster.ask(index, "safe").equals("safe true")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cluster did not replicate its backups within 60 s");
            }
            Thread.sleep(20); // migrations run on the members; asking is the only way to watch them
        }
    }

    /** Milliseconds from {@code since} to the client's event that {@code member} left; bounded. */
    private static long awaitRemoval(Map<UUID, Long> removedAt, UUID member, long since) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.seconds(180).toNanos();
        while (!removedAt.containsKey(member)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("member " + member + " was not removed within 180 s");
            }
            Thread.sleep(5); // the event arrives on a Hazelcast thread; the map is its only trace
        }
        return (removedAt.get(member) - since) / 1_000_000;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run member-failure          (--quick: 2 000 entries instead of 20 000, a 5 s heartbeat timeout instead of 10 s)
 *     ./concurrency-lab run member-failure --verbose   (Hazelcast's own log: the lesson's client's, and a failing member's in its error)
 *
 * What a run shows: the block `<!-- observed member-failure -->` in this module's README.md, which
 * `./concurrency-lab observed member-failure` rewrites from a real run on the reader's machine.
 */
