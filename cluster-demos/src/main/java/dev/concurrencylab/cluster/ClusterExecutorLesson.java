package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildWorkers;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.measure.Repeats;
import dev.concurrencylab.core.work.CpuWork;

import com.hazelcast.core.IExecutorService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/*
 * Lesson cluster-executor: Pool.map over cluster members.
 *
 * Mirrors notebook 003's Pool.map(f, range(...)): the same map, with the pool's workers being
 * cluster members and the tasks sent to them by Hazelcast's IExecutorService. Each task is an
 * object that crosses the network (here: a factory id, a class id and its fields, never a Java
 * serialized object), runs on a member, and its result or its exception comes back.
 *
 * The lesson maps f(x) = x * x over 1024 numbers three ways: tasks sent to whichever member the
 * executor picks, tasks sent to the owner of the partition of key x (a partition-aware executor:
 * the way to run code next to its data), and one task that fails, to show what the caller gets.
 * Results are collected in input order, as Pool.map returns them.
 *
 * Then the CPU-bound speedup: a countdown split into one share per member, on the members, beside
 * the same shares on threads of this JVM and on plain child JVMs, each against one thread. On one
 * machine members cannot beat its cores: three members on two cores are two cores' worth, and the
 * parallelism (CPU time / wall time) says how much of the machine each way actually used.
 */
@LessonCard(id = "cluster-executor", place = "4.4", notebooks = "003",
        title = "Pool.map over members with IExecutorService: order, a failing task's cause, and a speedup bounded by the cores",
        keys = {"members", "tasks", "results_in_order", "per_task_us", "speedup"})
public final class ClusterExecutorLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ClusterExecutorLesson(), args);
    }

    static final int MEMBERS = 3;
    static final int TASKS = 1024;

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("results_out_of_order", "the mapped results are not f(0), f(1), ... in input order",
                        seen -> !seen.flag("results_in_order") || !seen.flag("key_owner_results_in_order")),
                Outcome.forbidden("failure_lost_its_cause", "the failing task's exception did not reach the caller with its message",
                        seen -> !seen.flag("failure_cause_kept")),
                Outcome.forbidden("above_the_cores", "members ran faster than the machine's cores allow",
                        seen -> seen.number("speedup") > seen.number("cores") * 1.25),
                Outcome.needsFreeCoresAndOverlap("members_scale", "members beat one thread by at least 1.3x on the countdown",
                        seen -> seen.number("speedup") >= 1.3, "members_parallelism", 1.6,
                        seen -> String.format("the members reached %.2fx, with parallelism %.2f", seen.number("speedup"),
                                seen.number("members_parallelism"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        long steps = CpuWork.stepsFor(Duration.ofMillis(context.size(600, 3_000)));
        int cores = Runtime.getRuntime().availableProcessors();
        Observations seen = new Observations();
        try (LocalCluster cluster = LocalCluster.startOrReuse(MEMBERS, 31, LocalCluster.Jit.FULL)) {
            IExecutorService pool = cluster.client().getExecutorService("pool");
            int members = cluster.client().getCluster().getMembers().size();

            map(pool, false); // warm-up: classes loaded and compiled on every side
            long start = System.nanoTime();
            boolean inOrder = map(pool, false);
            double perTaskMicros = (System.nanoTime() - start) / 1e3 / TASKS;
            start = System.nanoTime();
            boolean keyOwnerInOrder = map(pool, true);
            double keyOwnerPerTaskMicros = (System.nanoTime() - start) / 1e3 / TASKS;
            context.say("map of f(x) = x * x over %d numbers on %d members: %.0f us per task; sent to each key's owner: %.0f us",
                    TASKS, members, perTaskMicros, keyOwnerPerTaskMicros);

            String cause;
            try {
                pool.submit(new ClusterTasks.Failing(7)).get(Timeouts.seconds(60).toMillis(), TimeUnit.MILLISECONDS);
                cause = "no exception";
            } catch (ExecutionException e) {
                cause = e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage();
            }
            context.say("a task that throws on its member: the caller's get() throws ExecutionException, caused by %s", cause);

            ClusterWorkers onMembers = ClusterWorkers.on(cluster); // one share per member
            Load.Watched<Repeats.Results> watched = Load.duringRounds(Load.neededFor(MEMBERS, cores), () -> new Repeats()
                    .warmUp(1)
                    .variant("one thread", () -> ParallelRun.onPlatformThreads(List.of(() -> CpuWork.countdown(steps))).measurement())
                    .variant("threads", () -> ParallelRun.onPlatformThreads(shares(steps)).measurement())
                    .variant("child JVMs", () -> ChildWorkers.run(childShares(steps)).measurement())
                    .variant("members", () -> onMembers.countdown(MEMBERS, steps / MEMBERS).measurement())
                    .run(3)); // a median of three even in a quick run: one round alone swings too far to judge a claim on
            Repeats.Results speed = watched.result();
            for (String way : List.of("threads", "child JVMs", "members")) {
                context.say("  %-10s %.2fx one thread, parallelism %.2f", way, speed.speedup("one thread", way),
                        speed.parallelism(way).median());
            }
            context.sayLoad(watched.load(), "a speedup on " + Math.min(MEMBERS, cores) + " cores");
            seen.put("members", members, "members the tasks were spread over")
                    .put("tasks", TASKS, "tasks in each map")
                    .put("results_in_order", inOrder, "results came back as f(0), f(1), ... in input order")
                    .put("key_owner_results_in_order", keyOwnerInOrder, "the same, with each task sent to its key's owner")
                    .put("per_task_us", perTaskMicros, "wall time per task, any member")
                    .put("key_owner_per_task_us", keyOwnerPerTaskMicros, "wall time per task, sent to the key's owner")
                    .put("failure_cause_kept", cause.contains("f(7) refused"), "the failing task's exception reached the caller")
                    .put("cores", cores, "cores this JVM may use")
                    .put("speedup", speed.speedup("one thread", "members"), "members against one thread, by median wall time")
                    .put("thread_speedup", speed.speedup("one thread", "threads"), "threads of this JVM against one thread")
                    .put("child_jvm_speedup", speed.speedup("one thread", "child JVMs"), "plain child JVMs against one thread")
                    .put("members_parallelism", speed.parallelism("members").median(), "CPU time of the members / wall time")
                    .load(watched.load())
                    .conclude(watched.load().busyPrefix() + String.format("map over %d members: %.0f us per task, in order; "
                                    + "countdown speedup %.2fx on members, %.2fx on threads, %.2fx on child JVMs (%d cores)",
                            members, perTaskMicros, speed.speedup("one thread", "members"),
                            speed.speedup("one thread", "threads"), speed.speedup("one thread", "child JVMs"), cores));
        }
        return seen;
    }

    /** Pool.map(f, range(TASKS)): submit every task, then collect the futures in input order. */
    private static boolean map(IExecutorService pool, boolean toKeyOwner) throws Exception {
        List<Future<Long>> futures = new ArrayList<>(TASKS);
        for (int x = 0; x < TASKS; x++) {
            ClusterTasks.Square task = new ClusterTasks.Square(x);
            futures.add(toKeyOwner ? pool.submitToKeyOwner(task, x) : pool.submit(task));
        }
        boolean inOrder = true;
        for (int x = 0; x < TASKS; x++) {
            inOrder &= futures.get(x).get(Timeouts.seconds(60).toMillis(), TimeUnit.MILLISECONDS) == (long) x * x;
        }
        return inOrder;
    }

    private static List<Callable<Long>> shares(long steps) {
        List<Callable<Long>> shares = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            shares.add(() -> CpuWork.countdown(steps / MEMBERS));
        }
        return shares;
    }

    private static List<List<String>> childShares(long steps) {
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            shares.add(List.of("countdown", Long.toString(steps / MEMBERS)));
        }
        return shares;
    }
}

/*
 * Run it:
 *     ./concurrency-lab run cluster-executor          (--quick: a 0.6 s countdown instead of 3 s)
 *     ./concurrency-lab run cluster-executor --verbose   (Hazelcast's own log: the lesson's client's, and a failing member's in its error)
 *
 * What a run shows: the block `<!-- observed cluster-executor -->` in this module's README.md, which
 * `./concurrency-lab observed cluster-executor` rewrites from a real run on the reader's machine.
 */
