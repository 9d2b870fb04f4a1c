package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Place;
import dev.concurrencylab.core.measure.Summary;

import java.util.ArrayList;
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
        /*
         * Rounds, as a benchmark runs them: a warm-up round, then interleaved rounds of the three
         * phases. The counters add up over all rounds, so every increment of every round is
         * checked; the rates are each phase's median over the timed rounds, with their range.
         */
        int timedRounds = 3; // quick or not: --quick makes each round smaller
        long increments = context.size(2_000_000, 20_000_000) / timedRounds;
        long expected = (timedRounds + 1) * PROCESSES * increments;
        long lockedExpected = (timedRounds + 1) * PROCESSES * (increments / 10);
        List<Double> unsynchronizedRates = new ArrayList<>();
        List<Double> atomicRates = new ArrayList<>();
        List<Double> lockedRates = new ArrayList<>();
        long unsynchronized;
        long atomic;
        long locked;
        try (SharedCounterRun run = new SharedCounterRun(PROCESSES)) {
            for (int round = 0; round <= timedRounds; round++) {
                double unsynchronizedSeconds = run.phase("unsynchronized", increments);
                double atomicSeconds = run.phase("atomic", increments);
                double lockedSeconds = run.phase("locked", increments / 10);
                if (round > 0) { // round 0 warms the children up
                    unsynchronizedRates.add(PROCESSES * increments / unsynchronizedSeconds / 1e6);
                    atomicRates.add(PROCESSES * increments / atomicSeconds / 1e6);
                    lockedRates.add(PROCESSES * increments / 10 / lockedSeconds / 1e6);
                }
            }
            unsynchronized = run.value(SharedCounterRun.UNSYNCHRONIZED);
            atomic = run.value(SharedCounterRun.ATOMIC);
            locked = run.value(SharedCounterRun.LOCKED);
        }
        Summary unsynchronizedRate = Summary.of(unsynchronizedRates);
        Summary atomicRate = Summary.of(atomicRates);
        Summary lockedRate = Summary.of(lockedRates);
        context.say("%d JVMs x %,d increments in each of %d rounds (the first a warm-up), expected %,d:", PROCESSES,
                increments, timedRounds + 1, expected);
        context.say("  unsynchronized %,d (%,d lost), atomic %,d; with the shared lock (a tenth as many): %,d of %,d",
                unsynchronized, expected - unsynchronized, atomic, locked, lockedExpected);
        context.say("  million increments per second, median (min to max) of %d rounds: unsynchronized %.1f (%.1f to %.1f), "
                        + "atomic %.1f (%.1f to %.1f), locked %.1f (%.1f to %.1f)", timedRounds,
                unsynchronizedRate.median(), unsynchronizedRate.min(), unsynchronizedRate.max(),
                atomicRate.median(), atomicRate.min(), atomicRate.max(), lockedRate.median(), lockedRate.min(), lockedRate.max());
        return new Observations()
                .put("processes", PROCESSES, "child JVMs sharing the memory")
                .put("expected", expected, "processes x increments, over all rounds")
                .put("unsynchronized_observed", unsynchronized, "counter after read-then-write increments")
                .put("lost_updates", expected - unsynchronized, "increments the unsynchronized counter lost")
                .put("atomic_observed", atomic, "counter after atomic getAndAdd increments")
                .put("locked_expected", lockedExpected, "increments done under the shared lock")
                .put("locked_observed", locked, "counter guarded by the lock in shared memory")
                .put("unsynchronized_m_per_s", unsynchronizedRate.median(), "million unsynchronized increments per second (median of the rounds)")
                .put("atomic_m_per_s", atomicRate.median(), "million atomic increments per second, both JVMs together (median of the rounds)")
                .put("locked_m_per_s", lockedRate.median(), "million locked increments per second (median of the rounds)")
                .conclude(String.format("%,d increments from 2 JVMs: unsynchronized lost %,d, atomic exact at %.1f M/s, locked exact",
                        expected, expected - unsynchronized, atomicRate.median()));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run shared-memory
 *
 * What you should see: the unsynchronized counter short of expected by a different amount on every
 * run where the two JVMs overlapped; the atomic and the locked counters exact, on every round; the
 * rates as medians of the timed rounds. The module README has a run from the development machine.
 *
 * Backed by jcstress (jcstress/src/main/java/dev/concurrencylab/jcstress/MappedAccessModes.java):
 * the access modes on a mapped file: payload then flag, read flag then payload. Short mode,
 * 2026-12-02, JDK 25, 2 cores, x86-64 (jcstress/README.md has every test; full mode:
 * -Pjcstress-full):
 *     ./mvnw -Pjcstress -pl jcstress -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 *   MappedAccessModes.Plain
 *     RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
 *       0, 0  226,850   30.85%   Acceptable  nothing yet, or the payload seen with or before the flag
 *      0, 42    1,805    0.25%   Acceptable  nothing yet, or the payload seen with or before the flag
 *       1, 0        0    0.00%  Interesting  the flag without the payload: plain accesses reordered
 *      1, 42  506,596   68.90%   Acceptable  nothing yet, or the payload seen with or before the flag
 *   MappedAccessModes.ReleaseAcquire
 *     RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *       0, 0  226,551   26.40%  Acceptable  nothing yet, or the payload seen with or before the flag
 *      0, 42    1,617    0.19%  Acceptable  nothing yet, or the payload seen with or before the flag
 *       1, 0        0    0.00%   Forbidden  an acquire that saw the flag but not what was released wi...
 *      1, 42  629,963   73.41%  Acceptable  nothing yet, or the payload seen with or before the flag
 *   MappedAccessModes.Volatile
 *     RESULT  SAMPLES     FREQ      EXPECT  DESCRIPTION
 *       0, 0  251,381   36.21%  Acceptable  nothing yet, or the payload seen with or before the flag
 *      0, 42    2,482    0.36%  Acceptable  nothing yet, or the payload seen with or before the flag
 *       1, 0        0    0.00%   Forbidden  a volatile read that saw the flag but not the payload
 *      1, 42  440,428   63.44%  Acceptable  nothing yet, or the payload seen with or before the flag
 */
