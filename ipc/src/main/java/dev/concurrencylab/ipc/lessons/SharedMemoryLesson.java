package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.NewerJdkPart;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.SharedLongs;
import dev.concurrencylab.ipc.SharedMemory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/*
 * Lesson shared-memory: the one place processes do share memory.
 *
 * Mirrors notebook 002, which ends by promising Value and Array: multiprocessing's way to put a
 * number or an array in memory that several processes see. Memory isolation (notebook 002's
 * global list) is the rule; shared memory is the explicit exception, and it brings races back.
 * Python's Value('i', 0, lock=False) loses increments from two processes exactly as two threads
 * lose them. So does a default Value, whose lock guards each read and each write of v.value but
 * not the two together: v.value += 1 still loses increments; only "with v.get_lock():" around it
 * does not.
 *
 * Java's counterpart is a memory-mapped file (ipc's SharedMemory): both JVMs map the same pages.
 * Two child JVMs each add 1 to a shared counter N times, three ways: read-then-write (loses
 * updates), an atomic getAndAdd through a VarHandle (a single lock-prefixed instruction, exact),
 * and a lock kept in the shared memory itself around the read-then-write (exact, slower).
 *
 * Then the same again, in the same rounds, with children that map the file through the Foreign
 * Function & Memory API (final in JDK 22): a MemorySegment whose lifetime is an Arena's. The
 * counters behave the same; the difference is the end. Closing the arena unmaps the pages at
 * once, and a later access throws; a MappedByteBuffer stays mapped until the GC collects it. The
 * FFM half is in src/main/java22 (MappedSegmentLongs), built only with a JDK 22+ toolchain; without
 * it the lesson says so and shows the buffer half alone.
 */
@LessonCard(id = "shared-memory", place = "3.3", notebooks = "002",
        title = "Shared memory between JVMs: unsynchronized increments lose updates, atomic ones do not",
        keys = {"expected", "unsynchronized_observed", "atomic_observed"})
public final class SharedMemoryLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new SharedMemoryLesson(), args);
    }

    static final int PROCESSES = 2;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("atomic_inexact", "the atomic counter in shared memory lost or invented an increment",
                        seen -> seen.number("atomic_observed") != seen.number("expected")),
                Outcome.forbidden("locked_inexact", "the locked counter in shared memory lost or invented an increment",
                        seen -> seen.number("locked_observed") != seen.number("locked_expected")),
                Outcome.forbidden("unsynchronized_above_expected", "unsynchronized increments added up to more than were made",
                        seen -> seen.number("unsynchronized_observed") > seen.number("expected")),
                Outcome.forbidden("segment_atomic_inexact", "the atomic counter, mapped as a MemorySegment, lost or invented an increment",
                        seen -> ffm(seen) && seen.number("segment_atomic_observed") != seen.number("expected")),
                Outcome.forbidden("segment_locked_inexact", "the locked counter, mapped as a MemorySegment, lost or invented an increment",
                        seen -> ffm(seen) && seen.number("segment_locked_observed") != seen.number("locked_expected")),
                Outcome.forbidden("segment_used_after_close", "a MemorySegment was read after its arena closed",
                        seen -> ffm(seen) && !seen.flag("segment_access_after_close_refused")),
                Outcome.interesting("segment_unmapped_at_once", "closing the arena unmapped the segment at once; the buffer's mapping outlived its close",
                        seen -> ffm(seen) && seen.flag("segment_unmapped_on_close") && seen.flag("buffer_mapped_after_close"),
                        seen -> ffm(seen) ? "this system has no /proc/self/maps to look the mappings up in"
                                : "the FFM half did not run: this build or JVM lacks JDK 22's FFM API"),
                Outcome.interesting("unsynchronized_lost", "unsynchronized increments from two JVMs lost updates",
                        seen -> seen.number("lost_updates") > 0,
                        seen -> "the two JVMs' increments never overlapped in this run (one may have finished before the other started)"));
    }

    /** Whether the FFM half ran (JDK 22+ in the build and on this JVM). */
    private static boolean ffm(Observations seen) {
        return seen.values().containsKey("segment_atomic_observed");
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        /*
         * Rounds, as a benchmark runs them: a warm-up round, then interleaved rounds of the three
         * phases, for the children that map the file as a MappedByteBuffer and, where the JDK has
         * the FFM API, for children that map it as a MemorySegment: the same counters, the same
         * rounds. The counters add up over all rounds, so every increment of every round is
         * checked; the rates are each phase's median over the timed rounds, with their range.
         */
        int timedRounds = 3; // quick or not: --quick makes each round smaller
        long increments = context.size(2_000_000, 20_000_000) / timedRounds;
        NewerJdkPart<SharedLongs.Mapper> segments = SharedCounterRun.Mapping.segments();
        List<SharedCounterRun.Mapping> mappings = segments.get().isPresent()
                ? List.of(SharedCounterRun.Mapping.BUFFER, SharedCounterRun.Mapping.SEGMENT) : List.of(SharedCounterRun.Mapping.BUFFER);
        segments.unavailable().ifPresent(why -> context.say("the FFM (MemorySegment) half of this lesson is unavailable: %s", why));
        Map<SharedCounterRun.Mapping, Counted> counted = new EnumMap<>(SharedCounterRun.Mapping.class);
        List<SharedCounterRun> runs = new ArrayList<>();
        try {
            for (SharedCounterRun.Mapping mapping : mappings) {
                runs.add(new SharedCounterRun(PROCESSES, mapping));
                counted.put(mapping, new Counted());
            }
            for (int round = 0; round <= timedRounds; round++) {
                for (int i = 0; i < runs.size(); i++) {
                    counted.get(mappings.get(i)).round(runs.get(i), increments, round > 0); // round 0 warms the children up
                }
            }
            for (int i = 0; i < runs.size(); i++) {
                counted.get(mappings.get(i)).read(runs.get(i));
            }
        } finally {
            for (SharedCounterRun run : runs) {
                run.close();
            }
        }
        long expected = (timedRounds + 1) * PROCESSES * increments;
        long lockedExpected = (timedRounds + 1) * PROCESSES * (increments / 10);
        context.say("%d JVMs x %,d increments in each of %d rounds (the first a warm-up), expected %,d; with the shared lock "
                + "a tenth as many, %,d. Million increments per second, median (min to max) of %d rounds:", PROCESSES, increments,
                timedRounds + 1, expected, lockedExpected, timedRounds);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("mapped as", "unsynchronized", "lost", "atomic", "locked", "unsync. M/s", "atomic M/s", "locked M/s"));
        for (SharedCounterRun.Mapping mapping : mappings) {
            Counted c = counted.get(mapping);
            table.add(List.of(mapping == SharedCounterRun.Mapping.BUFFER ? "MappedByteBuffer" : "MemorySegment (FFM)",
                    String.format("%,d", c.unsynchronized), String.format("%,d", expected - c.unsynchronized),
                    String.format("%,d", c.atomic), String.format("%,d", c.locked), rate(c.unsynchronizedRate()),
                    rate(c.atomicRate()), rate(c.lockedRate())));
        }
        context.sayTable(table);

        Counted buffer = counted.get(SharedCounterRun.Mapping.BUFFER);
        Observations seen = new Observations()
                .put("processes", PROCESSES, "child JVMs sharing the memory")
                .put("expected", expected, "processes x increments, over all rounds")
                .put("unsynchronized_observed", buffer.unsynchronized, "counter after read-then-write increments")
                .put("lost_updates", expected - buffer.unsynchronized, "increments the unsynchronized counter lost")
                .put("atomic_observed", buffer.atomic, "counter after atomic getAndAdd increments")
                .put("locked_expected", lockedExpected, "increments done under the shared lock")
                .put("locked_observed", buffer.locked, "counter guarded by the lock in shared memory")
                .put("unsynchronized_m_per_s", buffer.unsynchronizedRate().median(), "million unsynchronized increments per second (median of the rounds)")
                .put("atomic_m_per_s", buffer.atomicRate().median(), "million atomic increments per second, both JVMs together (median of the rounds)")
                .put("locked_m_per_s", buffer.lockedRate().median(), "million locked increments per second (median of the rounds)");
        String conclusion = String.format("%,d increments from 2 JVMs: unsynchronized lost %,d, atomic exact at %.1f M/s, locked exact",
                expected, expected - buffer.unsynchronized, buffer.atomicRate().median());
        Counted segment = counted.get(SharedCounterRun.Mapping.SEGMENT);
        if (segment != null) {
            Unmapping unmapping = unmapping(segments.get().orElseThrow());
            context.say("closing the mapping: a MemorySegment's arena unmapped it at once: %s (an access after close threw: %s); "
                            + "a MappedByteBuffer's pages were still mapped after close: %s", unmapping.segmentUnmapped(),
                    unmapping.segmentAccessRefused(), unmapping.bufferStillMapped());
            seen.put("segment_unsynchronized_observed", segment.unsynchronized, "the same, children mapping a MemorySegment (FFM)")
                    .put("segment_lost_updates", expected - segment.unsynchronized, "increments the unsynchronized counter lost (FFM)")
                    .put("segment_atomic_observed", segment.atomic, "counter after atomic getAndAdd increments (FFM)")
                    .put("segment_locked_observed", segment.locked, "counter guarded by the lock in shared memory (FFM)")
                    .put("segment_atomic_m_per_s", segment.atomicRate().median(), "million atomic increments per second (FFM, median of the rounds)")
                    .put("segment_unmapped_on_close", unmapping.segmentUnmapped(), "closing the arena removed the mapping at once (/proc/self/maps)")
                    .put("segment_access_after_close_refused", unmapping.segmentAccessRefused(), "an access after close threw instead of touching unmapped memory")
                    .put("buffer_mapped_after_close", unmapping.bufferStillMapped(), "a MappedByteBuffer's mapping outlived its close (until GC)");
            conclusion += String.format("; FFM the same (lost %,d, atomic %.1f M/s), unmapped on close: %s", expected - segment.unsynchronized,
                    segment.atomicRate().median(), unmapping.segmentUnmapped());
        }
        return seen.conclude(conclusion);
    }

    private static String rate(Summary rate) {
        return String.format("%.1f (%.1f to %.1f)", rate.median(), rate.min(), rate.max());
    }

    /** The counters and rates of one way of mapping, over the rounds. */
    private static final class Counted {
        final List<Double> unsynchronizedRates = new ArrayList<>();
        final List<Double> atomicRates = new ArrayList<>();
        final List<Double> lockedRates = new ArrayList<>();
        long unsynchronized;
        long atomic;
        long locked;

        void round(SharedCounterRun run, long increments, boolean timed) throws IOException {
            double unsynchronizedSeconds = run.phase("unsynchronized", increments);
            double atomicSeconds = run.phase("atomic", increments);
            double lockedSeconds = run.phase("locked", increments / 10);
            if (timed) {
                unsynchronizedRates.add(PROCESSES * increments / unsynchronizedSeconds / 1e6);
                atomicRates.add(PROCESSES * increments / atomicSeconds / 1e6);
                lockedRates.add(PROCESSES * increments / 10 / lockedSeconds / 1e6);
            }
        }

        void read(SharedCounterRun run) {
            unsynchronized = run.value(SharedCounterRun.UNSYNCHRONIZED);
            atomic = run.value(SharedCounterRun.ATOMIC);
            locked = run.value(SharedCounterRun.LOCKED);
        }

        Summary unsynchronizedRate() {
            return Summary.of(unsynchronizedRates);
        }

        Summary atomicRate() {
            return Summary.of(atomicRates);
        }

        Summary lockedRate() {
            return Summary.of(lockedRates);
        }
    }

    record Unmapping(boolean segmentUnmapped, boolean segmentAccessRefused, boolean bufferStillMapped) {}

    /**
     * Maps a fresh shared file both ways in this JVM and closes each: does the mapping leave
     * /proc/self/maps at once? On a system without /proc every answer is false, and says nothing.
     */
    static Unmapping unmapping(SharedLongs.Mapper segments) throws IOException {
        try (SharedMemory file = SharedMemory.create(1)) {
            long creatorOnly = mappingsOf(file.file()); // the creator's own buffer mapping
            SharedLongs segment = segments.attach(file.file());
            segment.set(0, 1);
            boolean segmentMapped = mappingsOf(file.file()) > creatorOnly;
            segment.close();
            boolean segmentUnmapped = segmentMapped && mappingsOf(file.file()) == creatorOnly;
            boolean refused;
            try {
                segment.get(0);
                refused = false;
            } catch (IllegalStateException e) {
                refused = true;
            }
            SharedMemory.attach(file.file()).close();
            boolean bufferStillMapped = creatorOnly > 0 && mappingsOf(file.file()) > creatorOnly;
            return new Unmapping(segmentUnmapped, refused, bufferStillMapped);
        }
    }

    /** How many of this process's mappings are of {@code file}, from /proc/self/maps; 0 where there is none. */
    static long mappingsOf(Path file) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return 0;
        }
        String name = file.toAbsolutePath().toString();
        try (var lines = Files.lines(maps)) {
            return lines.filter(line -> line.contains(name)).count();
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run shared-memory
 *
 * What you should see: the unsynchronized counter short of expected by a different amount on every
 * run where the two JVMs overlapped; the atomic and the locked counters exact, on every round; the
 * rates as medians of the timed rounds; on JDK 22+, a second row for the MemorySegment children
 * with the same verdicts, and the segment's mapping gone from /proc/self/maps the moment its arena
 * closed while the buffer's is still there. The module README has a run from the development machine.
 *
 * Backed by jcstress (jcstress/src/main/java/dev/concurrencylab/jcstress/MappedAccessModes.java):
 * the access modes on a mapped file: payload then flag, read flag then payload. The block
 * `<!-- measured jcstress -->` in jcstress/README.md holds the last run's counts, which that run
 * writes:
 *     ./mvnw -Pjcstress -pl jcstress -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 */
