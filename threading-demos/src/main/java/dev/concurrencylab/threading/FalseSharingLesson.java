package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.measure.Repeats;
import dev.concurrencylab.core.measure.Summary;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * Lesson false-sharing: two threads that share nothing, and can still slow each other down.
 *
 * Java only; it explains a number the earlier lessons can show: why two threads with a counter
 * each can run slower than their work suggests. A CPU core does not read or write single bytes;
 * it moves 64-byte cache lines, and only one core may hold a line for writing at a time. Two
 * counters in one line, each written by its own thread, make the line travel between the cores
 * on every write, although no value is shared: false sharing.
 *
 * The lesson gives each of two threads its own counter in one block of memory and times their
 * increments two ways, in interleaved rounds: counters side by side (slots 0 and 1, eight bytes
 * apart), and padded (slots 0 and 16, 128 bytes apart: two lines, and not neighbours either,
 * since some CPUs fetch lines in pairs). The block starts on a line boundary (a direct buffer's
 * alignedSlice): in a plain long[] the JVM places slots 0 and 1 wherever the array lands, and about
 * one array in eight would put them in two lines, with nothing shared to show. Each increment is an opaque write, so the JIT keeps every
 * one of them instead of adding in a register. The JDK pads its own hot fields with the internal
 * @jdk.internal.vm.annotation.Contended, which application code can only use with
 * -XX:-RestrictContended and the package exported to it; libraries such as JCTools and Agrona pad
 * by hand, as this lesson does.
 *
 * The effect needs two free cores: on one, the threads take turns and the line never travels.
 */
@LessonCard(id = "false-sharing", place = "1.13",
        title = "Two threads, a counter each: side by side in one cache line, then padded apart (128 bytes unless -p padding), timed round by round",
        keys = {"increments", "padding_bytes", "neighbours_s", "padded_s", "slowdown"},
        parameters = @LessonCard.Param(name = "padding", meaning = "how far apart the padded counters are; below the 64-byte "
                + "cache line they share one, as the neighbours do", unit = "bytes", full = 128, quick = 128, min = 8, max = 256,
                step = 8))
public final class FalseSharingLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new FalseSharingLesson(), args);
    }

    /** The cache line of the x86-64 and ARM cores the lesson runs on. */
    private static final int CACHE_LINE = 64;

    /** Longs in a byte buffer, read plainly and written opaquely. */
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    @Override
    public List<Outcome> outcomes() {
        return List.of(
                Outcome.forbidden("count_inexact", "a thread's own counter did not reach its increments",
                        seen -> !seen.flag("counts_exact")),
                Outcome.hiddenByLoad("neighbours_slower", "counters in one cache line ran at least 1.3x slower than padded ones",
                        seen -> seen.number("padding_bytes") >= CACHE_LINE && seen.number("slowdown") >= 1.3,
                        seen -> seen.number("padding_bytes") < CACHE_LINE
                                ? String.format("at %.0f bytes apart the padded counters share a cache line too (%.2fx)",
                                        seen.number("padding_bytes"), seen.number("slowdown"))
                                : String.format("the neighbours took %.2fx the padded counters' time in this run (rounds: %s s side by side, "
                                + "%s s padded)", seen.number("slowdown"), seen.get("neighbours_rounds_s"), seen.get("padded_rounds_s"))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        long increments = context.size(50_000_000, 100_000_000);
        int padding = context.count("padding");
        AtomicBoolean exact = new AtomicBoolean(true);
        Load.Watched<Repeats.Results> watched = Load.duringRounds(Load.neededFor(2, Runtime.getRuntime().availableProcessors()),
                () -> new Repeats()
                        .warmUp(1)
                        .variant("neighbours", () -> race(1, increments, exact))
                        .variant("padded", () -> race(padding / Long.BYTES, increments, exact))
                        .run(context.size(3, 5)));
        Repeats.Results results = watched.result();
        Summary neighboursWall = results.wall("neighbours");
        Summary paddedWall = results.wall("padded");
        double neighbours = neighboursWall.median();
        double padded = paddedWall.median();
        double slowdown = neighbours / padded;
        context.say("2 threads x %,d increments of their own counter: side by side %.3f s (rounds %.3f-%.3f), "
                + "%d bytes apart %.3f s (%.3f-%.3f): %.2fx", increments, neighbours, neighboursWall.min(), neighboursWall.max(),
                padding, padded, paddedWall.min(), paddedWall.max(), slowdown);
        context.sayLoad(watched.load(), "two threads on two cores at once");
        return new Observations()
                .put("increments", increments, "increments per thread, each of its own counter")
                .put("neighbours_s", neighbours, "wall time, counters 8 bytes apart (one cache line), median")
                .put("padding_bytes", padding, "how far apart the padded counters were")
                .put("padded_s", padded, "wall time, counters " + padding + " bytes apart, median")
                .put("neighbours_rounds_s", rounds(results, "neighbours"), "each round's wall time, side by side")
                .put("padded_rounds_s", rounds(results, "padded"), "each round's wall time, padded")
                .put("slowdown", slowdown, "neighbours' time over padded time")
                .put("counts_exact", exact.get(), "every thread's counter reached its increments, every round")
                .load(watched.load())
                .conclude(watched.load().busyPrefix() + String.format("counters 8 bytes apart: %.3f s; %d bytes apart: %.3f s; %.2fx",
                        neighbours, padding, padded, slowdown));
    }

    private static List<Double> rounds(Repeats.Results results, String variant) {
        return results.of(variant).stream().map(measurement -> Math.round(measurement.wallSeconds() * 1000) / 1000.0).toList();
    }

    /** Two threads, one counting in slot 0, the other in slot {@code gap}; checks both counts. */
    private static Measurement race(int gap, long increments, AtomicBoolean exact) throws Exception {
        // alignedSlice moves the start up to the next line and the end down to a line: a line spare at each end.
        ByteBuffer counters = ByteBuffer.allocateDirect((gap + 1) * Long.BYTES + 2 * CACHE_LINE).alignedSlice(CACHE_LINE);
        List<Callable<Long>> threads = List.of(() -> count(counters, 0, increments), () -> count(counters, gap, increments));
        ParallelRun.Result<Long> run = ParallelRun.onPlatformThreads(threads);
        if ((long) LONGS.getVolatile(counters, 0) != increments || (long) LONGS.getVolatile(counters, gap * Long.BYTES) != increments) {
            exact.set(false);
        }
        return run.measurement();
    }

    private static long count(ByteBuffer counters, int slot, long increments) {
        int offset = slot * Long.BYTES;
        for (long i = 0; i < increments; i++) {
            // Only this thread writes this slot: an opaque write is not a race, and the JIT must keep each one.
            LONGS.setOpaque(counters, offset, (long) LONGS.get(counters, offset) + 1);
        }
        return (long) LONGS.get(counters, offset);
    }
}

/*
 * Run it:
 *     ./concurrency-lab run false-sharing          (--quick: 50 million increments per thread instead of 100 million)
 *     ./concurrency-lab sweep false-sharing -p padding=8,32,64,128   (where the cache line ends)
 *
 * What you should see: the side-by-side counters slower than the padded ones when two cores were
 * free (the launcher says how many were); both counts exact every round. The module README has a
 * run from the development machine, and benchmarks/FalseSharingBenchmarks measures the same pair
 * with JMH.
 */
