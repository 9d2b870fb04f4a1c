package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import com.hazelcast.cluster.Member;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Lesson cluster-basics: processes that find each other and share out the data.
 *
 * Extends notebook 002's first step (start a Process, join it) one level up: here the workers are
 * cluster members, JVMs that find each other over TCP, agree on who is in, and split the data
 * between them. A Hazelcast member is a child JVM plus a join: it looks for the other members at
 * the addresses it was given, and the oldest one, the master, admits it and hands it a share of
 * the partitions (the slices every key is hashed into).
 *
 * The lesson starts three members on 127.0.0.1, connects to them as a client, and shows what the
 * client sees: the members, and how many partitions each owns once the data has been touched. Then
 * the cost of the step, beside the two the earlier chapters measured: a member's launch-to-joined
 * time, a plain child JVM's launch-to-ready, and a thread's start. Its members run the client
 * compiler only (they hold data and compute nothing the lesson times): a member with the
 * optimising compiler too spends part of its start compiling, and on a machine with few cores
 * its join takes longer than the one measured here.
 */
@LessonCard(id = "cluster-basics", place = "4.1", notebooks = "002",
        title = "Three member JVMs form a cluster and share its partitions; what a join costs beside a JVM and a thread",
        keys = {"members", "partitions", "member_join_ms", "child_jvm_ms", "thread_start_us"})
public final class ClusterBasicsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ClusterBasicsLesson(), args);
    }

    static final int MEMBERS = 3;

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("members_missing", "the client saw another number of members than were started",
                        seen -> seen.number("members") != MEMBERS),
                Outcome.forbidden("partitions_unowned", "the members' partitions do not add up to the partition count",
                        seen -> seen.longs("partitions").stream().mapToLong(Long::longValue).sum() != seen.number("partition_count")),
                Outcome.interesting("every_member_owns_partitions", "each member owns a share of the partitions",
                        seen -> seen.longs("partitions").stream().allMatch(count -> count > 0),
                        seen -> "the partitions had not migrated to every member when the lesson looked: " + seen.get("partitions")),
                Outcome.interesting("join_costs_more_than_a_jvm", "a member's join takes longer than a plain JVM's start",
                        seen -> median(seen.longs("member_join_ms")) > seen.number("child_jvm_ms"),
                        seen -> "in this run a member joined in " + median(seen.longs("member_join_ms")) + " ms, a plain JVM started in "
                                + (long) seen.number("child_jvm_ms") + " ms"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int partitionCount = context.size(31, 271);
        List<Long> joinMillis;
        List<Long> owned = new ArrayList<>();
        int members;
        try (LocalCluster cluster = LocalCluster.start(MEMBERS, partitionCount, LocalCluster.Jit.QUICK_START)) {
            joinMillis = cluster.joinTimes().stream().map(Duration::toMillis).toList();
            members = cluster.client().getCluster().getMembers().size();
            context.say("%d members joined cluster '%s'; launch to joined: %s ms", members,
                    cluster.settings().clusterName(), joinMillis);

            // Partitions get owners when data first arrives: touch every one of them.
            IMap<Integer, Integer> map = cluster.client().getMap("basics");
            for (int key = 0; key < partitionCount * 4; key++) {
                map.set(key, key);
            }
            Map<Member, Integer> perMember = partitionsPerMember(cluster, partitionCount);
            for (Map.Entry<Member, Integer> entry : perMember.entrySet()) {
                context.say("  %s owns %d of %d partitions", entry.getKey().getAddress(), entry.getValue(), partitionCount);
                owned.add((long) entry.getValue());
            }
        }

        long childJvmMillis = medianChildJvmStartMillis(3);
        long threadStartMicros = medianThreadStartMicros(101);
        context.say("a plain child JVM, launch to ready: %d ms; a thread, start to joined: %d us", childJvmMillis, threadStartMicros);
        return new Observations()
                .put("members", members, "members the client sees")
                .put("partition_count", partitionCount, "partitions the data is hashed into")
                .put("partitions", owned, "partitions each member owns")
                .put("member_join_ms", joinMillis, "each member's launch to joined")
                .put("child_jvm_ms", childJvmMillis, "a plain child JVM's launch to ready (median of 3)")
                .put("thread_start_us", threadStartMicros, "a thread's start to joined (median of 101)")
                .conclude(members + " members, joined in a median " + median(joinMillis) + " ms each, against " + childJvmMillis
                        + " ms for a plain JVM and " + threadStartMicros + " us for a thread");
    }

    /** Waits (bounded) until every partition has an owner and the migrations have settled. */
    private static Map<Member, Integer> partitionsPerMember(LocalCluster cluster, int partitionCount) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.seconds(30).toNanos();
        Map<Member, Integer> counts = Map.of();
        while (System.nanoTime() < deadline) {
            counts = new LinkedHashMap<>();
            for (Member member : cluster.client().getCluster().getMembers()) {
                counts.put(member, 0);
            }
            int owned = 0;
            for (Partition partition : cluster.client().getPartitionService().getPartitions()) {
                Member owner = partition.getOwner();
                if (owner != null && counts.containsKey(owner)) {
                    counts.merge(owner, 1, Integer::sum);
                    owned++;
                }
            }
            if (owned == partitionCount && !counts.containsValue(0)) {
                break;
            }
            Thread.sleep(50); // polling the client's partition table, which the members update as they migrate
        }
        return counts;
    }

    private static long medianChildJvmStartMillis(int runs) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            try (ChildJvm child = ChildJvm.builder(Ready.class).name("plain-jvm").start()) {
                child.awaitReady(Timeouts.seconds(60));
                millis.add((System.nanoTime() - start) / 1_000_000);
            }
        }
        return median(millis);
    }

    private static long medianThreadStartMicros(int runs) throws InterruptedException {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Thread thread = Thread.ofPlatform().start(() -> { });
            thread.join();
            micros.add((System.nanoTime() - start) / 1_000);
        }
        return median(micros);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** A child JVM that only says it is ready: the cost of a JVM with nothing to join. */
    static final class Ready {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            ChildSide.sayReady();
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run cluster-basics          (--quick: 31 partitions instead of Hazelcast's 271)
 *     ./concurrency-lab run cluster-basics --verbose   (Hazelcast's own log: the lesson's client's, and a failing member's in its error)
 *
 * What a run shows: the block `<!-- observed cluster-basics -->` in this module's README.md, which
 * `./concurrency-lab observed cluster-basics` rewrites from a real run on the reader's machine.
 */
