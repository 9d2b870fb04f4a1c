package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Place;

import java.util.List;

/*
 * Lesson shared-memory: the one place processes do share memory.
 *
 * Mirrors notebook 002, which ends by promising Value and Array: multiprocessing's way to put a
 * number or an array in memory that several processes see. Memory isolation (notebook 002's
 * global list) is the rule; shared memory is the explicit exception, and it brings races back.
 * Python's Value('i', 0, lock=False) loses increments from two processes exactly as two threads
 * lose them; with its lock it does not.
 *
 * Java's counterpart is a memory-mapped file (ipc's SharedMemory): both JVMs map the same pages.
 * Two child JVMs each add 1 to a shared counter N times, three ways: read-then-write (loses
 * updates), an atomic getAndAdd through a VarHandle (a single lock-prefixed instruction, exact),
 * and a lock kept in the shared memory itself around the read-then-write (exact, slower).
 */
public final class SharedMemoryLesson implements Lesson {

    static final int PROCESSES = 2;

    @Override
    public String id() {
        return "shared-memory";
    }

    @Override
    public String title() {
        return "Shared memory between JVMs: unsynchronized increments lose updates, atomic ones do not";
    }

    @Override
    public List<String> mirrors() {
        return List.of("002");
    }

    @Override
    public Place place() {
        return new Place(3, 3);
    }

    @Override
    public List<String> keys() {
        return List.of("expected", "unsynchronized_observed", "atomic_observed");
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("atomic_inexact", "the atomic counter in shared memory lost or invented an increment",
                        seen -> seen.number("atomic_observed") != seen.number("expected")),
                Outcome.forbidden("locked_inexact", "the locked counter in shared memory lost or invented an increment",
                        seen -> seen.number("locked_observed") != seen.number("locked_expected")),
                Outcome.forbidden("unsynchronized_above_expected", "unsynchronized increments added up to more than were made",
                        seen -> seen.number("unsynchronized_observed") > seen.number("expected")),
                Outcome.interesting("unsynchronized_lost", "unsynchronized increments from two JVMs lost updates",
                        seen -> seen.number("lost_updates") > 0,
                        seen -> "the two JVMs' increments never overlapped in this run (one may have finished before the other started)"));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        long increments = context.size(2_000_000, 20_000_000);
        long expected = PROCESSES * increments;
        double unsynchronizedSeconds;
        double atomicSeconds;
        double lockedSeconds;
        long unsynchronized;
        long atomic;
        long locked;
        try (SharedCounterRun run = new SharedCounterRun(PROCESSES)) {
            unsynchronizedSeconds = run.phase("unsynchronized", increments);
            atomicSeconds = run.phase("atomic", increments);
            lockedSeconds = run.phase("locked", increments / 10);
            unsynchronized = run.value(SharedCounterRun.UNSYNCHRONIZED);
            atomic = run.value(SharedCounterRun.ATOMIC);
            locked = run.value(SharedCounterRun.LOCKED);
        }
        context.say("%d JVMs x %,d increments, expected %,d: unsynchronized %,d (%,d lost), atomic %,d",
                PROCESSES, increments, expected, unsynchronized, expected - unsynchronized, atomic);
        context.say("atomic: %.1f million increments per second; with the shared lock (a tenth as many): %,d of %,d, %.1f million per second",
                expected / atomicSeconds / 1e6, locked, expected / 10, expected / 10 / lockedSeconds / 1e6);
        return new Observations()
                .put("processes", PROCESSES, "child JVMs sharing the memory")
                .put("expected", expected, "processes x increments")
                .put("unsynchronized_observed", unsynchronized, "counter after read-then-write increments")
                .put("lost_updates", expected - unsynchronized, "increments the unsynchronized counter lost")
                .put("atomic_observed", atomic, "counter after atomic getAndAdd increments")
                .put("locked_expected", expected / 10, "increments done under the shared lock")
                .put("locked_observed", locked, "counter guarded by the lock in shared memory")
                .put("unsynchronized_m_per_s", expected / unsynchronizedSeconds / 1e6, "million unsynchronized increments per second")
                .put("atomic_m_per_s", expected / atomicSeconds / 1e6, "million atomic increments per second, both JVMs together")
                .put("locked_m_per_s", expected / 10 / lockedSeconds / 1e6, "million locked increments per second")
                .conclude(String.format("%,d increments from 2 JVMs: unsynchronized lost %,d, atomic exact at %.1f M/s, locked exact",
                        expected, expected - unsynchronized, expected / atomicSeconds / 1e6));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run shared-memory
 *
 * What you should see (this machine, 2 cores, JDK 25, --quick):
 *     processes                2
 *     expected                 4000000
 *     unsynchronized_observed  3822144
 *     lost_updates             177856
 *     atomic_observed          4000000
 *     locked_expected          400000
 *     locked_observed          400000
 *     unsynchronized_m_per_s   69.347
 *     atomic_m_per_s           54.324
 *     locked_m_per_s           6.419
 */
