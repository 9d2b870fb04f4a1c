package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Observations.Observation;
import dev.concurrencylab.core.measure.Stopwatch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs a lesson and shows its observations; printing is the launcher's job, not the lesson's. */
final class LessonRunner {

    /** What became of one lesson run. */
    record Outcome(Lesson lesson, Observations observations, double seconds, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;

    LessonRunner(PrintStream out, PrintStream err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    /** Narration and a table on stdout. */
    Outcome runAsTable(Lesson lesson, boolean quick) {
        out.printf("== %s: %s (%s)%n", lesson.id(), lesson.title(), mirrors(lesson));
        Outcome outcome = run(lesson, new LessonContext(quick, out));
        if (!outcome.failed()) {
            out.println();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("observation", "value", "meaning"));
            for (Observation observation : outcome.observations().list()) {
                rows.add(List.of(observation.key(), format(observation.key(), observation.value()), observation.meaning()));
            }
            TextTable.print(out, rows);
            out.printf("%nIn short: %s (%.1f s)%n", outcome.observations().conclusion(), outcome.seconds());
        }
        return outcome;
    }

    /** Exactly one JSON object on stdout; narration goes to stderr. */
    Outcome runAsJson(Lesson lesson, boolean quick) {
        Outcome outcome = run(lesson, new LessonContext(quick, err));
        if (!outcome.failed()) {
            out.println(json(lesson.id(), outcome.observations().values()));
        }
        return outcome;
    }

    private Outcome run(Lesson lesson, LessonContext context) {
        Stopwatch stopwatch = Stopwatch.start();
        try {
            Observations observations = lesson.run(context);
            return new Outcome(lesson, observations, stopwatch.seconds(), null);
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
            return new Outcome(lesson, null, stopwatch.seconds(), message.lines().findFirst().orElse(message));
        }
    }

    /** "notebook 000, 003", or what a lesson without a notebook is. */
    static String mirrors(Lesson lesson) {
        return lesson.mirrors().isEmpty() ? "Java only, no notebook" : "notebook " + String.join(", ", lesson.mirrors());
    }

    static String json(String id, Map<String, Object> observations) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("lesson", id);
            json.writeObjectFieldStart("observations");
            for (Map.Entry<String, Object> entry : observations.entrySet()) {
                json.writeFieldName(entry.getKey());
                writeValue(json, entry.getValue());
            }
            json.writeEndObject();
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

    /** Seconds with milliseconds; other numbers with three significant digits or as integers. */
    static String format(String key, Object value) {
        return switch (value) {
            case Double d when key.endsWith("_s") -> String.format("%.3f", d);
            case Double d when Math.abs(d) >= 1000 -> String.format("%,.0f", d);
            case Double d -> String.format("%.3g", d);
            case Long l -> String.format("%,d", l);
            case List<?> list -> list.stream().map(item -> format(key, item)).collect(Collectors.joining(", "));
            default -> String.valueOf(value);
        };
    }
}
