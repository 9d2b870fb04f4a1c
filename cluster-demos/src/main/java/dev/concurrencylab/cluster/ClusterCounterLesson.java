package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.crdt.pncounter.PNCounter;
import com.hazelcast.map.IMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Lesson cluster-counter: the race condition one level up.
 *
 * Mirrors notebook 001's race condition, in notebook 000's form: `a[0] += 1` from several threads
 * loses updates, because it is a read and then a write. In a cluster the counter is an entry of a distributed map (IMap), and the
 * members that increment it each do `put(key, get(key) + 1)`: two calls, two network round trips,
 * and room between them for another member's write. First a forced schedule shows the lost
 * update with two members and four steps; then three members increment at once and the total
 * comes out short.
 *
 * Then the fixes the open-source edition has, each exact, each with its rate:
 *   - IMap.lock(key): a lock held by the partition's owner for the caller. It is not a consensus
 *     lock: it lives on one member (and its backup); if that member dies or the cluster splits,
 *     two holders are possible. A lock that survives that needs a Raft group of at least 3 members,
 *     which is Hazelcast's CP Subsystem.
 *   - an entry processor (executeOnKey): the increment is sent to the data and runs on the owner,
 *     one per key at a time: one round trip, no lock.
 *   - replace(key, old, new) in a loop: compare-and-set; a member that lost the race reads again.
 *   - a PNCounter: a CRDT, every member counts locally and the replicas merge. Exact once they have
 *     merged, and never blocking; it does not promise that a read sees every increment at once,
 *     nor any order between members' increments: no compare-and-set, no "exactly N" at a moment.
 * And the CP Subsystem itself (IAtomicLong, FencedLock): refused by the open-source edition since
 * 5.5; the lesson asks for an IAtomicLong, and for a member with CP members, and shows the answers.
 */
@LessonCard(id = "cluster-counter", place = "4.3", notebooks = "001",
        title = "get-then-put on an IMap loses updates across members; a map lock, an entry processor, a CAS loop and a PNCounter do not",
        keys = {"expected", "racy_observed", "lost_updates", "map_lock_observed", "entry_processor_observed",
        "cas_loop_observed", "pn_counter_observed"})
public final class ClusterCounterLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ClusterCounterLesson(), args);
    }

    static final int MEMBERS = 3;

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("forced_schedule_kept_both", "the forced get, get, put, put schedule lost no update",
                        seen -> seen.number("forced_lost") != 1),
                Outcome.forbidden("lock_inexact", "the map lock's total is not exact",
                        seen -> seen.number("map_lock_observed") != seen.number("expected")),
                Outcome.forbidden("entry_processor_inexact", "the entry processor's total is not exact",
                        seen -> seen.number("entry_processor_observed") != seen.number("expected")),
                Outcome.forbidden("cas_inexact", "the replace loop's total is not exact",
                        seen -> seen.number("cas_loop_observed") != seen.number("expected")),
                Outcome.forbidden("pn_counter_inexact", "the PNCounter's replicas did not merge to the exact total",
                        seen -> seen.number("pn_counter_observed") != seen.number("expected")),
                Outcome.forbidden("more_than_expected", "a racy total above the number of increments",
                        seen -> seen.number("racy_observed") > seen.number("expected")),
                Outcome.interesting("racy_lost_updates", "members doing get-then-put at once lost updates",
                        seen -> seen.number("lost_updates") > 0,
                        seen -> "no two members' get and put overlapped on the same value in this run"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int perMember = context.size(100, 3_000);
        long expected = (long) MEMBERS * perMember;
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        long forcedLost;
        String cpAnswer;
        String cpMembersAnswer;
        try (LocalCluster cluster = LocalCluster.startOrReuse(MEMBERS, 31, LocalCluster.Jit.FULL)) {
            IMap<String, Long> counters = cluster.client().getMap("counters");

            // The forced schedule: member 1 reads, member 2 reads, member 1 writes, member 2 writes.
            counters.put("forced", 0L);
            long first = Long.parseLong(cluster.ask(0, "get counters forced").substring(6));
            long second = Long.parseLong(cluster.ask(1, "get counters forced").substring(6));
            cluster.ask(0, "put counters forced " + (first + 1));
            cluster.ask(1, "put counters forced " + (second + 1));
            forcedLost = 2 - counters.get("forced");
            context.say("forced schedule: member 1 read %d, member 2 read %d, both wrote their value + 1: the map holds %d, "
                    + "%d of 2 increments lost", first, second, counters.get("forced"), forcedLost);

            for (String how : List.of("racy", "lock", "entry", "cas", "pn")) {
                long start = System.nanoTime();
                for (int m = 0; m < MEMBERS; m++) {
                    cluster.members().get(m).sendLine("increment " + how + " counters " + how + " " + perMember);
                }
                for (int m = 0; m < MEMBERS; m++) {
                    cluster.answer(m, "increment " + how);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long total = how.equals("pn") ? mergedPnCounter(cluster.client().getPNCounter("counters-pn"), expected)
                        : counters.getOrDefault(how, 0L);
                totals.put(how, total);
                rates.put(how, expected / seconds);
                context.say("  %-6s %,d of %,d (%,.0f increments/s)", how, total, expected, expected / seconds);
            }
            cpAnswer = askForCpSubsystem(cluster);
            context.say("CP Subsystem (IAtomicLong): %s", cpAnswer);
            cpMembersAnswer = askForCpMembers(cluster.settings());
            context.say("a member configured with 3 CP members: %s", cpMembersAnswer);
        }
        long lost = expected - totals.get("racy");
        return new Observations()
                .put("expected", expected, "increments: " + MEMBERS + " members x " + perMember)
                .put("forced_lost", forcedLost, "increments lost by the forced get, get, put, put schedule")
                .put("racy_observed", totals.get("racy"), "total after get-then-put from every member at once")
                .put("lost_updates", lost, "increments the racy way lost")
                .put("map_lock_observed", totals.get("lock"), "total with IMap.lock(key) around get-then-put")
                .put("entry_processor_observed", totals.get("entry"), "total with executeOnKey (runs on the key's owner)")
                .put("cas_loop_observed", totals.get("cas"), "total with a replace(key, old, new) retry loop")
                .put("pn_counter_observed", totals.get("pn"), "the PNCounter once its replicas merged")
                .put("racy_per_s", rates.get("racy"), "increments per second, get-then-put")
                .put("map_lock_per_s", rates.get("lock"), "increments per second, map lock")
                .put("entry_processor_per_s", rates.get("entry"), "increments per second, entry processor")
                .put("cas_loop_per_s", rates.get("cas"), "increments per second, replace loop")
                .put("pn_counter_per_s", rates.get("pn"), "increments per second, PNCounter")
                .put("cp_subsystem_refused", cpAnswer.startsWith("refused"), "the open-source edition refused an IAtomicLong")
                .put("cp_members_refused", cpMembersAnswer.startsWith("refused"), "it refused to start a member with CP members configured")
                .put("cp_subsystem", List.of(cpAnswer.split(":")[cpAnswer.startsWith("refused") ? 1 : 0].strip()),
                        "what asking for an IAtomicLong (CP Subsystem) answered")
                .conclude(String.format("get-then-put kept %,d of %,d (%,d lost); lock, entry processor, replace loop and "
                        + "PNCounter all exact; the entry processor at %,.0f/s against the lock's %,.0f/s", totals.get("racy"),
                        expected, lost, rates.get("entry"), rates.get("lock")));
    }

    /**
     * A PNCounter read goes to one replica, which may not have merged the others' increments yet:
     * read until it shows them all, or the wait is up (then the lesson reports what it read).
     */
    private static long mergedPnCounter(PNCounter counter, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Timeouts.seconds(30).toNanos();
        long value = counter.get();
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(20); // replicas merge on their own schedule; polling the value is all a reader can do
            value = counter.get();
        }
        return value;
    }

    /**
     * Asking for CP members (a Raft group of 3) when a member starts: this edition refuses before
     * the member binds its port. Should it start after all, it is shut down at once.
     */
    private static String askForCpMembers(ClusterSettings settings) {
        List<Integer> port = MemberPorts.free(1);
        Config config = new ClusterSettings(LocalCluster.uniqueName(), port, settings.partitions(), settings.heartbeatSeconds())
                .member(port.getFirst());
        config.getCPSubsystemConfig().setCPMemberCount(3);
        try {
            Hazelcast.newHazelcastInstance(config).shutdown();
            return "a member with CP members started: this is not the open-source edition's behaviour since 5.5";
        } catch (RuntimeException e) {
            return "refused: " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
    }

    /** The CP Subsystem's answer on this edition, in one line. */
    private static String askForCpSubsystem(LocalCluster cluster) {
        try {
            long value = cluster.client().getCPSubsystem().getAtomicLong("cp-counter").incrementAndGet();
            return "an IAtomicLong worked (value " + value + "): this is not the open-source edition's behaviour since 5.5";
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            return "refused: " + e.getClass().getSimpleName() + ": " + message;
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run cluster-counter          (--quick: 100 increments per member instead of 3 000)
 *     ./concurrency-lab run cluster-counter --verbose   (Hazelcast's own log: the lesson's client's, and a failing member's in its error)
 *
 * What a run shows: the block `<!-- observed cluster-counter -->` in this module's README.md, which
 * `./concurrency-lab observed cluster-counter` rewrites from a real run on the reader's machine.
 */
