package dev.concurrencylab.core.lesson;

import java.io.PrintStream;
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
}
