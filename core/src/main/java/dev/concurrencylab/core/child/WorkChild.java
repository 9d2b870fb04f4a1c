package dev.concurrencylab.core.child;

import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.measure.CpuTime;
import dev.concurrencylab.core.work.CpuWork;
import dev.concurrencylab.core.work.MemoryWork;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A child JVM that does one piece of work when told to, in the manner of the JDK's
 * {@code JavaChild}: driven by a line on stdin, answering with a structured line on stdout.
 *
 * <pre>
 *   java ... WorkChild countdown 150000000
 *   &lt; concurrency-lab:ready          (after a JIT warm-up, so start-up is not timed)
 *   &gt; go                             (the parent releases all its children at once)
 *   &lt; done 812734981 cpu_ns=150203111
 * </pre>
 *
 * <p>Workloads: {@code sleep <millis>}, {@code countdown <steps>}, {@code random-fill <n> <seed>},
 * {@code powers <power> <stepsPerNumber> <n>...}. The checksum proves the work was done; the CPU
 * time is the work thread's own, so the parent can compute parallelism across processes.
 */
public final class WorkChild {

    /** Prefix of the answer line. */
    public static final String DONE = "done ";

    private WorkChild() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        ChildSide.exitWhenParentDies();
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: WorkChild sleep|countdown|random-fill|powers <arguments>");
        }
        warmUp(args);
        ChildSide.sayReady();
        ChildSide.awaitGo();
        long cpuBefore = CpuTime.currentThreadNanos();
        String checksum = work(args);
        long cpu = CpuTime.currentThreadNanos() - cpuBefore;
        System.out.println(DONE + checksum + " cpu_ns=" + cpu);
        System.out.flush();
    }

    /**
     * Runs a small version of the workload a few times, so that the JIT has compiled its loops
     * before the timed run, as they are in a parent that has run them before.
     */
    private static void warmUp(String[] args) throws InterruptedException {
        // The first CPU-time reading loads the management classes: tens of milliseconds, not to be timed.
        CpuTime.currentThreadNanos();
        String[] small = args.clone();
        switch (args[0]) {
            case "sleep" -> {
                return;
            }
            case "countdown" -> small[1] = "2000000";
            case "random-fill" -> small[1] = "200000";
            case "powers" -> small[2] = "200000";
            default -> throw new IllegalArgumentException("unknown workload '" + args[0] + "'");
        }
        for (int i = 0; i < 10; i++) {
            work(small);
        }
    }

    private static String work(String[] args) throws InterruptedException {
        return switch (args[0]) {
            case "sleep" -> {
                Thread.sleep(Duration.ofMillis(Long.parseLong(args[1])));
                yield args[1];
            }
            case "countdown" -> Long.toString(CpuWork.countdown(Long.parseLong(args[1])));
            case "random-fill" -> Double.toString(MemoryWork.randomArraySum(
                    Integer.parseInt(args[1]), Long.parseLong(args[2]), Interpreter.FREE_THREADED));
            case "powers" -> Arrays.toString(CpuWork.powers(
                    Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray(),
                    Integer.parseInt(args[1]), Long.parseLong(args[2]), Interpreter.FREE_THREADED));
            default -> throw new IllegalArgumentException("unknown workload '" + args[0] + "'");
        };
    }
}
