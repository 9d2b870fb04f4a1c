package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.measure.Measurement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs work in child JVMs, one {@link WorkChild} each, started together: the process counterpart
 * of {@link dev.concurrencylab.core.measure.ParallelRun}.
 *
 * <p>All children are started, then all are awaited until ready, then all are sent "go" and the
 * clock starts; it stops when the last one has answered. {@link Result#startup()} is the time
 * from the first launch to the last "ready": what Python's {@code Process.start()} pays inside
 * its timings, reported separately here. Every child is destroyed before this returns, also when
 * something fails.
 */
public final class ChildWorkers {

    /**
     * The children's checksums in order, the measurement of the work (wall from "go" to the last
     * answer; CPU as reported by each child's work thread), and the start-up time.
     */
    public record Result(List<String> checksums, Measurement measurement, Duration startup) {

        /** Start-up plus work: what a Python-style timing around start() and join() would show. */
        public Duration total() {
            return startup.plus(measurement.wall());
        }
    }

    private ChildWorkers() {}

    /** Runs one child per entry of {@code workloads}, each entry being WorkChild's arguments. */
    public static Result run(List<List<String>> workloads) {
        Duration timeout = Timeouts.seconds(300);
        List<ChildJvm> children = new ArrayList<>();
        try {
            long launch = System.nanoTime();
            for (int i = 0; i < workloads.size(); i++) {
                children.add(ChildJvm.builder(WorkChild.class).name("work-child-" + (i + 1))
                        .arguments(workloads.get(i).toArray(String[]::new)).timeout(timeout).start());
            }
            for (ChildJvm child : children) {
                child.awaitReady(Timeouts.seconds(60));
            }
            long ready = System.nanoTime();
            children.forEach(child -> child.sendLine(ChildSide.GO));
            List<String> checksums = new ArrayList<>();
            long cpu = 0;
            for (ChildJvm child : children) {
                String[] parts = child.awaitValue(WorkChild.DONE, timeout, "finish its work").split(" cpu_ns=");
                checksums.add(parts[0]);
                cpu += Long.parseLong(parts[1]);
            }
            long end = System.nanoTime();
            for (ChildJvm child : children) {
                int code = child.waitFor(Timeouts.seconds(30));
                if (code != 0) {
                    throw new ChildJvmException(child.name() + " exited with " + code + ": " + child.stderr());
                }
            }
            return new Result(checksums,
                    new Measurement(Duration.ofNanos(end - ready), Duration.ofNanos(cpu)),
                    Duration.ofNanos(ready - launch));
        } finally {
            children.forEach(ChildJvm::close);
        }
    }
}
