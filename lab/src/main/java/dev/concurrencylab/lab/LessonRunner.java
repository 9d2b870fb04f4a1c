package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations.Observation;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Parameter;
import dev.concurrencylab.core.lesson.TextTable;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Stopwatch;
import dev.concurrencylab.lab.compare.MachineJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Runs a lesson and shows what it observed, and what of its declared outcomes the run showed;
 * printing is the launcher's job, not the lesson's. A lesson that shows a forbidden outcome has
 * failed, whatever else it printed.
 */
final class LessonRunner {

    /**
     * What became of one lesson run; {@code failure} is null when it ran and broke no invariant,
     * {@code unavailable} is null unless the lesson could not run in this build or on this JVM.
     */
    record Run(Lesson lesson, boolean quick, Observations observations, List<Outcome.Verdict> verdicts,
               double seconds, String failure, String unavailable, Map<String, Double> parameters) {
        boolean failed() {
            return failure != null;
        }

        boolean wasUnavailable() {
            return unavailable != null;
        }

        List<Outcome.Verdict> missed() {
            return verdicts.stream().filter(Outcome.Verdict::missed).toList();
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;
    private final Map<String, Double> chosen;

    LessonRunner(PrintStream out, PrintStream err, boolean verbose) {
        this(out, err, verbose, Map.of());
    }

    /** A runner whose lessons run with the parameter values {@code chosen} (checked by {@link LessonContext#of}). */
    LessonRunner(PrintStream out, PrintStream err, boolean verbose, Map<String, Double> chosen) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
        this.chosen = Map.copyOf(chosen);
        if (verbose) {
            System.setProperty("concurrencylab.verbose", "true"); // the cluster chapter then shows Hazelcast's own log
        }
    }

    /** Narration, a table, and the outcomes on stdout. */
    Run runAsTable(Lesson lesson, boolean quick) {
        return runAsTable(lesson, quick, UnaryOperator.identity());
    }

    /** As {@link #runAsTable(Lesson, boolean)}, the narration written through {@code narration} (a timeline records it). */
    Run runAsTable(Lesson lesson, boolean quick, UnaryOperator<PrintStream> narration) {
        out.printf("== %s: %s (%s)%n", lesson.id(), lesson.title(), mirrors(lesson));
        LessonContext context = LessonContext.of(lesson, quick, narration.apply(out), chosen);
        if (!context.parameters().isEmpty()) {
            out.println("parameters: " + describe(lesson, context));
        }
        Run run = run(lesson, quick, context);
        if (run.wasUnavailable()) {
            out.printf("Unavailable here: %s.%n", run.unavailable());
        }
        if (run.observations() != null) {
            out.println();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("observation", "value", "unit", "meaning"));
            for (Observation observation : run.observations().list()) {
                rows.add(List.of(observation.key(), format(observation.key(), observation.value()),
                        observation.unit(), observation.meaning()));
            }
            TextTable.print(out, rows);
            printOutcomes(run);
            out.printf("%nIn short: %s (%.1f s)%n", run.observations().conclusion(), run.seconds());
        }
        return run;
    }

    /** What the run showed of each declared outcome, in jcstress's words. */
    private void printOutcomes(Run run) {
        if (run.verdicts().isEmpty()) {
            return;
        }
        out.printf("%nOutcomes (FORBIDDEN: must never be seen; INTERESTING: what the lesson shows, when the machine lets it):%n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("expect", "outcome", "this run", "what it is"));
        for (Outcome.Verdict verdict : run.verdicts()) {
            Outcome outcome = verdict.outcome();
            String state = switch (outcome.expect()) {
                case FORBIDDEN -> verdict.seen() ? "SEEN: a bug" : "not seen";
                case INTERESTING -> verdict.seen() ? "shown" : "NOT SHOWN";
            };
            rows.add(List.of(outcome.expect().name(), outcome.name(), state, outcome.description()));
        }
        TextTable.print(out, rows);
        for (Outcome.Verdict verdict : run.missed()) {
            out.printf("This run did not show '%s': %s.%n", verdict.outcome().name(), verdict.note());
        }
    }

    /**
     * One JSON object on stdout ({@code pretty}: indented, for {@code run}; otherwise on one line,
     * for the JSON Lines of {@code tour}); narration goes to stderr.
     */
    Run runAsJson(Lesson lesson, boolean quick, boolean pretty) {
        return runAsJson(lesson, quick, pretty, UnaryOperator.identity());
    }

    Run runAsJson(Lesson lesson, boolean quick, boolean pretty, UnaryOperator<PrintStream> narration) {
        Run run = run(lesson, quick, LessonContext.of(lesson, quick, narration.apply(err), chosen));
        out.println(json(run, Machine.current(), pretty));
        return run;
    }

    private Run run(Lesson lesson, boolean quick, LessonContext context) {
        if (lesson.unavailable().isPresent()) {
            return new Run(lesson, quick, null, List.of(), 0, null, lesson.unavailable().get(), context.parameters());
        }
        Stopwatch stopwatch = Stopwatch.start();
        Observations observations;
        try {
            observations = lesson.run(context);
        } catch (Exception | Error e) {
            String message = e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
            err.println("concurrency-lab: lesson " + lesson.id() + " failed: " + message);
            if (verbose) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --verbose for the stack trace)");
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Run(lesson, quick, null, List.of(), stopwatch.seconds(), message.lines().findFirst().orElse(message),
                    null, context.parameters());
        }
        double seconds = stopwatch.seconds();
        List<Outcome.Verdict> verdicts;
        try {
            verdicts = Outcome.judgeAll(lesson.outcomes(), observations);
        } catch (RuntimeException e) {
            String message = "its outcomes could not be judged: " + e.getMessage();
            err.println("concurrency-lab: lesson " + lesson.id() + ": " + message);
            return new Run(lesson, quick, observations, List.of(), seconds, message, null, context.parameters());
        }
        String failure = null;
        for (Outcome.Verdict verdict : verdicts) {
            if (verdict.violated()) {
                err.println("concurrency-lab: lesson " + lesson.id() + " showed a FORBIDDEN outcome: "
                        + verdict.outcome().name() + " (" + verdict.outcome().description() + ")");
                if (failure == null) {
                    failure = "FORBIDDEN outcome seen: " + verdict.outcome().name();
                }
            }
        }
        return new Run(lesson, quick, observations, verdicts, seconds, failure, null, context.parameters());
    }

    /** "threads=8 (-p), increments=200000 (quick default)": what ran, and where each value came from. */
    private String describe(Lesson lesson, LessonContext context) {
        List<String> values = new ArrayList<>();
        context.parameters().forEach((name, value) -> values.add(name + "=" + Parameter.format(value)
                + (chosen.containsKey(name) ? " (-p)" : context.quick() ? " (quick default)" : " (default)")));
        return String.join(", ", values);
    }

    /** "notebook 000, 003", or what a lesson without a notebook is. */
    static String mirrors(Lesson lesson) {
        return lesson.mirrors().isEmpty() ? "Java only, no notebook" : "notebook " + String.join(", ", lesson.mirrors());
    }

    /** The JSON form of a run; lab/README.md documents every field. */
    static String json(Run run, Machine machine, boolean pretty) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            if (pretty) {
                json.setPrettyPrinter(new DefaultPrettyPrinter());
            }
            Lesson lesson = run.lesson();
            json.writeStartObject();
            json.writeStringField("lesson", lesson.id());
            json.writeStringField("title", lesson.title());
            json.writeStringField("place", lesson.place().toString());
            json.writeBooleanField("quick", run.quick());
            json.writeObjectFieldStart("parameters");
            for (Map.Entry<String, Double> parameter : run.parameters().entrySet()) {
                json.writeNumberField(parameter.getKey(), parameter.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("seconds", Math.round(run.seconds() * 1000) / 1000.0);
            MachineJson.write(json, machine);
            if (run.failure() != null) {
                json.writeStringField("failure", run.failure());
            }
            if (run.unavailable() != null) {
                json.writeStringField("unavailable", run.unavailable());
            }
            if (run.observations() != null) {
                Observations observations = run.observations();
                json.writeObjectFieldStart("observations");
                for (Observation observation : observations.list()) {
                    json.writeFieldName(observation.key());
                    writeValue(json, observation.value());
                }
                json.writeEndObject();
                json.writeObjectFieldStart("schema");
                for (Observation observation : observations.list()) {
                    json.writeObjectFieldStart(observation.key());
                    json.writeStringField("unit", observation.unit());
                    json.writeStringField("meaning", observation.meaning());
                    json.writeEndObject();
                }
                json.writeEndObject();
                json.writeArrayFieldStart("outcomes");
                for (Outcome.Verdict verdict : run.verdicts()) {
                    json.writeStartObject();
                    json.writeStringField("name", verdict.outcome().name());
                    json.writeStringField("expect", verdict.outcome().expect().name());
                    json.writeStringField("description", verdict.outcome().description());
                    json.writeBooleanField("seen", verdict.seen());
                    if (!verdict.note().isEmpty()) {
                        json.writeStringField("why_not_seen", verdict.note());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeStringField("conclusion", observations.conclusion());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case Double d when d.isNaN() || d.isInfinite() -> json.writeNull();
            case Double d -> json.writeNumber(d);
            case Float f -> json.writeNumber(f);
            case Number n -> json.writeNumber(n.longValue());
            case Boolean b -> json.writeBoolean(b);
            case List<?> list -> {
                json.writeStartArray();
                for (Object item : list) {
                    writeValue(json, item);
                }
                json.writeEndArray();
            }
            default -> json.writeString(String.valueOf(value));
        }
    }

    /**
     * Seconds with milliseconds; other fractions with three significant digits, or grouped when
     * large; counts grouped by thousands, but never a pid or an exit code.
     */
    static String format(String key, Object value) {
        boolean identifier = key.contains("pid") || key.endsWith("_code");
        boolean seconds = Observations.unitOf(key, value).equals("s");
        return switch (value) {
            case Double d when seconds -> String.format(Locale.ROOT, "%.3f", d);
            case Double d when Math.abs(d) >= 1000 -> String.format(Locale.ROOT, "%,.0f", d);
            case Double d -> String.format(Locale.ROOT, "%.3g", d);
            case Long l when identifier -> Long.toString(l);
            case Long l -> String.format(Locale.ROOT, "%,d", l);
            case List<?> list -> list.stream().map(item -> format(key, item)).collect(Collectors.joining(", "));
            default -> String.valueOf(value);
        };
    }
}
