package dev.concurrencylab.core.lesson;

import dev.concurrencylab.core.measure.Load;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a running lesson may know about how it was asked to run.
 *
 * @param quick      smaller sizes so that the whole tour takes under a minute on 2 cores
 * @param narration  where the lesson tells the reader what it is doing (never stdout in JSON mode)
 */
public record LessonContext(boolean quick, PrintStream narration) {

    public LessonContext {
        Objects.requireNonNull(narration, "narration");
    }

    /** A context that narrates nowhere: for tests that only look at the observations. */
    public static LessonContext silent(boolean quick) {
        return new LessonContext(quick, new PrintStream(PrintStream.nullOutputStream()));
    }

    /** The quick size or the full one. */
    public int size(int quickSize, int fullSize) {
        return quick ? quickSize : fullSize;
    }

    /** Tells the reader one line, formatted as {@link String#format}. */
    public void say(String format, Object... args) {
        narration.println(args.length == 0 ? format : String.format(format, args));
        narration.flush();
    }

    /** Tells the reader a table: aligned columns, the first row the header. */
    public void sayTable(List<List<String>> rows) {
        TextTable.print(narration, rows);
        narration.flush();
    }

    /**
     * Tells the reader whether the machine left room for {@code effect} ("a speedup of 2 threads"):
     * how many cores were free while the lesson measured, or, when too few were, that the figures
     * are a busy machine's and not the lesson's result (whether or not the effect showed anyway).
     */
    public void sayLoad(Load load, String effect) {
        if (load.busy()) {
            say("Too few cores for %s in this run: %s. Read these figures as a busy machine's, not as the lesson's result.",
                    effect, load.reason());
        } else {
            say(String.format(Locale.ROOT, "%.2f of %d cores were free while it measured: enough for %s.",
                    load.freeCores(), load.cores(), effect));
        }
    }
}
