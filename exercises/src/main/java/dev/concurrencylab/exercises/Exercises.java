package dev.concurrencylab.exercises;

import dev.concurrencylab.exercises.graders.Grader01ExactTally;
import dev.concurrencylab.exercises.graders.Grader02Event;
import dev.concurrencylab.exercises.graders.Grader03BoundedBuffer;
import dev.concurrencylab.exercises.graders.Grader04LockOrdering;
import dev.concurrencylab.exercises.graders.Grader05PoisonPill;
import dev.concurrencylab.exercises.graders.Grader06OrderedMap;
import dev.concurrencylab.exercises.graders.Grader07InterruptibleWorker;
import dev.concurrencylab.exercises.graders.Grader08ChildCopy;
import dev.concurrencylab.exercises.graders.Grader09TreeKill;
import dev.concurrencylab.exercises.graders.Grader10FrameReader;
import dev.concurrencylab.exercises.graders.Grader11Seal;
import dev.concurrencylab.exercises.graders.Grader12SharedCounter;
import dev.concurrencylab.exercises.ipc.Exercise10FrameReader;
import dev.concurrencylab.exercises.ipc.Exercise11Seal;
import dev.concurrencylab.exercises.ipc.Exercise12SharedCounter;
import dev.concurrencylab.exercises.ipc.Ipc;
import dev.concurrencylab.exercises.processes.Exercise08ChildCopy;
import dev.concurrencylab.exercises.processes.Exercise09TreeKill;
import dev.concurrencylab.exercises.processes.Processes;
import dev.concurrencylab.exercises.threads.Exercise01ExactTally;
import dev.concurrencylab.exercises.threads.Exercise02Event;
import dev.concurrencylab.exercises.threads.Exercise03BoundedBuffer;
import dev.concurrencylab.exercises.threads.Exercise04LockOrdering;
import dev.concurrencylab.exercises.threads.Exercise05PoisonPill;
import dev.concurrencylab.exercises.threads.Exercise06OrderedMap;
import dev.concurrencylab.exercises.threads.Exercise07InterruptibleWorker;
import dev.concurrencylab.exercises.threads.Threads;

import java.util.List;
import java.util.Optional;

/** Every exercise, in curriculum order. To add one, see "Coursework" in the root README. */
public final class Exercises {

    /** In curriculum order, each with its points: the classroom workflow and the Gradescope results take them from here. */
    private static final List<Exercise> ALL = List.of(
            new Exercise("01", "exact-tally", "threads", "Make a racy counter exact", "race-condition", 5,
                    Threads.Tally.class, Exercise01ExactTally.class, Grader01ExactTally.class),
            new Exercise("02", "event", "threads", "An event that wakes every waiting thread", "events", 8,
                    Threads.Event.class, Exercise02Event.class, Grader02Event.class),
            new Exercise("03", "bounded-buffer", "threads", "A bounded buffer: put waits when full, take when empty", "thread-queue", 10,
                    Threads.BoundedBuffer.class, Exercise03BoundedBuffer.class, Grader03BoundedBuffer.class),
            new Exercise("04", "lock-ordering", "threads", "Transfers that cannot deadlock", "locks", 8,
                    Threads.Transfers.class, Exercise04LockOrdering.class, Grader04LockOrdering.class),
            new Exercise("05", "poison-pill", "threads", "A producer/consumer pipeline that always shuts down", "thread-queue", 10,
                    Threads.Pipeline.class, Exercise05PoisonPill.class, Grader05PoisonPill.class),
            new Exercise("06", "ordered-map", "threads", "Pool.map on threads: input order, failures surfaced", "thread-pool", 8,
                    Threads.OrderedMap.class, Exercise06OrderedMap.class, Grader06OrderedMap.class),
            new Exercise("07", "interruptible-worker", "threads", "A worker that an interrupt stops", "killability", 8,
                    Threads.Worker.class, Exercise07InterruptibleWorker.class, Grader07InterruptibleWorker.class),
            new Exercise("08", "child-copy", "processes", "A child JVM has its own copy of the list", "memory-isolation", 6,
                    Processes.ChildCopy.class, Exercise08ChildCopy.class, Grader08ChildCopy.class),
            new Exercise("09", "tree-kill", "processes", "Kill a process and everything it started", "terminate", 10,
                    Processes.TreeKiller.class, Exercise09TreeKill.class, Grader09TreeKill.class),
            new Exercise("10", "frame-reader", "ipc", "Read a framed message; refuse a truncated or oversized one", "pipes", 9,
                    Ipc.FrameReader.class, Exercise10FrameReader.class, Grader10FrameReader.class),
            new Exercise("11", "seal", "ipc", "A checksum that notices a damaged message", "pipes", 8,
                    Ipc.Seal.class, Exercise11Seal.class, Grader11Seal.class),
            new Exercise("12", "shared-counter", "ipc", "A shared-memory counter two JVMs never lose an update of", "shared-memory", 10,
                    Ipc.SharedIncrement.class, Exercise12SharedCounter.class, Grader12SharedCounter.class));

    private Exercises() {}

    public static List<Exercise> all() {
        return ALL;
    }

    /** By number ({@code 1} or {@code 01}) or id ({@code exact-tally}). */
    public static Optional<Exercise> find(String wanted) {
        String number = wanted.matches("\\d") ? "0" + wanted : wanted;
        return ALL.stream().filter(e -> e.number().equals(number) || e.id().equals(wanted)).findFirst();
    }

    static Optional<Exercise> byContract(Class<?> contract) {
        return ALL.stream().filter(e -> e.contract().equals(contract)).findFirst();
    }
}
