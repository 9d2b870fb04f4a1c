package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.measure.Measurement;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cluster members as workers for {@code compare}: a cluster of a fixed size, started once, and
 * work split into one task per worker, worker {@code i} on member {@code i mod size}. The wall
 * time runs from the first submit to the last answer; the CPU time is what the member processes
 * used meanwhile (Hazelcast's own threads included, as a process's CPU time always is).
 */
public final class ClusterWorkers implements AutoCloseable {

    /** What one split of work returned, in worker order, and its measurement. */
    public record Result(List<Long> values, Measurement measurement) {}

    private final LocalCluster cluster;
    private final IExecutorService executor;
    private final List<Member> members;

    private ClusterWorkers(LocalCluster cluster) {
        this.cluster = cluster;
        this.executor = cluster.client().getExecutorService("workers");
        this.members = List.copyOf(cluster.client().getCluster().getMembers());
    }

    /** Workers on the members of a cluster a lesson already runs; closing it stays the lesson's job. */
    static ClusterWorkers on(LocalCluster cluster) {
        return new ClusterWorkers(cluster);
    }

    /** Starts {@code size} members (seconds each) and connects to them. */
    public static ClusterWorkers start(int size) {
        return new ClusterWorkers(LocalCluster.start(size, 31, LocalCluster.Jit.FULL));
    }

    /** {@code workers} countdowns of {@code steps} each, spread over the members. */
    public Result countdown(int workers, long steps) throws Exception {
        return run(workers, () -> new ClusterTasks.Countdown(steps));
    }

    /** {@code workers} sleeps of {@code nap} each, spread over the members. */
    public Result sleep(int workers, Duration nap) throws Exception {
        return run(workers, () -> new ClusterTasks.Sleep(nap.toMillis()));
    }

    private Result run(int workers, Supplier<Callable<Long>> task) throws Exception {
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            futures.add(executor.submitToMember(task.get(), members.get(i % members.size())));
        }
        List<Long> values = new ArrayList<>();
        for (Future<Long> future : futures) {
            values.add(future.get(Timeouts.seconds(300).toMillis(), TimeUnit.MILLISECONDS));
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(values, new Measurement(wall, Duration.ofNanos(cpuNanos() - cpuBefore)));
    }

    private long cpuNanos() {
        long total = 0;
        for (ChildJvm member : cluster.members()) {
            total += member.handle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
        return total;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
