package dev.concurrencylab.core.lesson;

import dev.concurrencylab.core.measure.Load;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What a running lesson may know about how it was asked to run.
 *
 * @param quick      smaller sizes so that the whole tour takes under a minute on 2 cores
 * @param narration  where the lesson tells the reader what it is doing (never stdout in JSON mode)
 * @param parameters the value of each of the lesson's {@link Parameter}s for this run
 */
public record LessonContext(boolean quick, PrintStream narration, Map<String, Double> parameters) {

    public LessonContext {
        Objects.requireNonNull(narration, "narration");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters)); // in the order the lesson declares them
        LessonPhase.prepare(); // before the run: its first phase must not pay for the flight recorder's start
    }

    /** A context for a lesson without parameters. */
    public LessonContext(boolean quick, PrintStream narration) {
        this(quick, narration, Map.of());
    }

    /**
     * A context for {@code lesson} with each of its parameters at the value {@code chosen} gives,
     * or else at its default for a quick or a full run.
     *
     * @throws IllegalArgumentException in one line for the reader, naming the valid parameters or
     *                                  range, when a chosen name is unknown or its value out of range
     */
    public static LessonContext of(Lesson lesson, boolean quick, PrintStream narration, Map<String, Double> chosen) {
        Map<String, Parameter> declared = new LinkedHashMap<>();
        lesson.parameters().forEach(parameter -> declared.put(parameter.name(), parameter));
        for (String name : chosen.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException(lesson.id() + " has no parameter '" + name + "'; "
                        + (declared.isEmpty() ? "it has none" : "its parameters: " + String.join(", ", declared.keySet())));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        declared.forEach((name, parameter) -> values.put(name,
                chosen.containsKey(name) ? parameter.check(chosen.get(name)) : parameter.defaultFor(quick)));
        return new LessonContext(quick, narration, values);
    }

    /**
     * The values a reader typed ({@code NAME=VALUE}, as text), as numbers checked against what
     * {@code lesson} declares, before anything runs.
     *
     * @throws IllegalArgumentException in one line for the reader otherwise
     */
    public static Map<String, Double> chosen(Lesson lesson, boolean quick, Map<String, String> given) {
        Map<String, Double> chosen = new LinkedHashMap<>();
        given.forEach((name, text) -> {
            try {
                chosen.put(name, Double.parseDouble(text.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a number, not '" + text + "'");
            }
        });
        of(lesson, quick, new PrintStream(PrintStream.nullOutputStream()), chosen); // checks names and ranges
        return chosen;
    }

    /** This run's value of the parameter {@code name}, which the lesson declares. */
    public double parameter(String name) {
        Double value = parameters.get(name);
        if (value == null) {
            throw new IllegalStateException("no value for the parameter '" + name + "' in this run: run the lesson with a context "
                    + "made by LessonContext.of, and declare the parameter on its card");
        }
        return value;
    }

    /** This run's value of a whole-number parameter. */
    public int count(String name) {
        return (int) Math.round(parameter(name));
    }

    /** A context that narrates nowhere: for tests that only look at the observations. */
    public static LessonContext silent(boolean quick) {
        return new LessonContext(quick, new PrintStream(PrintStream.nullOutputStream()));
    }

    /** The quick size or the full one. */
    public int size(int quickSize, int fullSize) {
        return quick ? quickSize : fullSize;
    }

    /**
     * Runs {@code body} as a named stretch of the run and returns what it returns: a timeline of
     * the run ({@code run ID --timeline}) draws the stretch as a band across every thread's lane.
     */
    public <T> T phase(String name, Callable<T> body) throws Exception {
        LessonPhase phase = new LessonPhase(name);
        try {
            return body.call();
        } finally {
            phase.end();
        }
    }

    /** {@link #phase(String, Callable)} for a body that returns nothing. */
    public void phase(String name, LessonPhase.Body body) throws Exception {
        phase(name, () -> {
            body.run();
            return null;
        });
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
