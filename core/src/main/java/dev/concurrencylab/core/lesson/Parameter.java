package dev.concurrencylab.core.lesson;

import java.util.Locale;

/**
 * A knob a lesson lets its reader turn ({@code run <id> -p name=value}), as a notebook's reader
 * changes a cell: what it means, its unit, the value a full run and a quick run take when none is
 * given, and the range within which the lesson keeps every promise it declares.
 */
public record Parameter(String name, String meaning, String unit, double full, double quick, double min, double max, double step) {

    public Parameter {
        if (!(min <= quick && quick <= max && min <= full && full <= max)) {
            throw new IllegalArgumentException(name + ": its defaults " + quick + " and " + full + " must lie in " + min + " to " + max);
        }
        if (unit.equals("count") && step == 0) {
            step = 1;
        }
        for (double value : new double[] {full, quick, min, max}) {
            if (!onStep(value, step)) {
                throw new IllegalArgumentException(name + ": " + format(value) + " is not a multiple of its step " + format(step));
            }
        }
    }

    /** A parameter whose values may be any number in its range (or any whole number, for a {@code count}). */
    public Parameter(String name, String meaning, String unit, double full, double quick, double min, double max) {
        this(name, meaning, unit, full, quick, min, max, 0);
    }

    private static boolean onStep(double value, double step) {
        return step == 0 || Math.abs(value / step - Math.rint(value / step)) < 1e-9;
    }

    static Parameter of(LessonCard.Param declared) {
        return new Parameter(declared.name(), declared.meaning(), declared.unit(), declared.full(), declared.quick(),
                declared.min(), declared.max(), declared.step());
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
        if (!onStep(value, step)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s=%s: %s", name, format(value),
                    step == 1 ? "it takes whole numbers" : "it takes multiples of " + format(step)));
        }
        return value;
    }

    /** {@code threads (count, 2 to 64; full 10, quick 10): threads adding at once}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s, %s to %s%s; full %s, quick %s): %s", name, unit, format(min), format(max),
                step == 0 || step == 1 ? "" : " in steps of " + format(step), format(full), format(quick), meaning);
    }

    /** A value as a reader typed it: no ".0" on whole numbers. */
    public static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
