package dev.concurrencylab.core.lesson;

import java.util.Locale;

/**
 * A knob a lesson lets its reader turn ({@code run <id> -p name=value}), as a notebook's reader
 * changes a cell: what it means, its unit, the value a full run and a quick run take when none is
 * given, and the range within which the lesson keeps every promise it declares.
 */
public record Parameter(String name, String meaning, String unit, double full, double quick, double min, double max) {

    public Parameter {
        if (!(min <= quick && quick <= max && min <= full && full <= max)) {
            throw new IllegalArgumentException(name + ": its defaults " + quick + " and " + full + " must lie in " + min + " to " + max);
        }
    }

    static Parameter of(LessonCard.Param declared) {
        return new Parameter(declared.name(), declared.meaning(), declared.unit(), declared.full(), declared.quick(),
                declared.min(), declared.max());
    }

    /** The value a run takes when the reader gives none. */
    public double defaultFor(boolean quickRun) {
        return quickRun ? quick : full;
    }

    /** {@code value}, if the lesson accepts it; otherwise an exception whose message is one line for the reader. */
    public double check(double value) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s=%s is outside %s to %s", name, format(value),
                    format(min), format(max)));
        }
        return value;
    }

    /** {@code threads (count, 2 to 64; full 10, quick 10): threads adding at once}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s, %s to %s; full %s, quick %s): %s", name, unit, format(min), format(max),
                format(full), format(quick), meaning);
    }

    /** A value as a reader typed it: no ".0" on whole numbers. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
