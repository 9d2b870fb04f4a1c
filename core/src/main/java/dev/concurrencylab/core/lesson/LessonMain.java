package dev.concurrencylab.core.lesson;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A lesson run from its own {@code main}, as an IDE runs a class: its narration, its observations
 * and its outcomes, as plain text on stdout. Each lesson's {@code main} is one line into here.
 * The launcher ({@code ./concurrency-lab run ID}) does the rest: JSON, the machine's stamp, the
 * load while it measured, the tour.
 */
public final class LessonMain {

    private LessonMain() {}

    /** Runs {@code lesson} once; {@code --quick} for the short run, nothing else. */
    public static void run(Lesson lesson, String... args) throws Exception {
        PrintStream out = System.out;
        boolean quick = false;
        for (String argument : args) {
            if (!argument.equals("--quick")) {
                System.err.printf("unknown argument '%s': %s takes only --quick%n", argument, lesson.id());
                return;
            }
            quick = true;
        }
        Optional<String> unavailable = lesson.unavailable();
        if (unavailable.isPresent()) {
            out.printf("%s cannot run here: %s%n", lesson.id(), unavailable.get());
            return;
        }
        out.printf("== %s: %s%n", lesson.id(), lesson.title());
        Observations seen = lesson.run(LessonContext.of(lesson, quick, out, Map.of()));
        out.println();
        List<List<String>> rows = new ArrayList<>(List.of(List.of("observation", "value", "unit", "meaning")));
        for (Observations.Observation observation : seen.list()) {
            rows.add(List.of(observation.key(), format(observation.value()), observation.unit(), observation.meaning()));
        }
        TextTable.print(out, rows);
        out.println();
        List<List<String>> outcomes = new ArrayList<>(List.of(List.of("expect", "outcome", "this run", "note")));
        for (Outcome outcome : lesson.outcomes()) {
            Outcome.Verdict verdict = outcome.judge(seen);
            outcomes.add(List.of(outcome.expect().name(), outcome.name(), verdict.seen() ? (verdict.violated() ? "SEEN" : "shown")
                    : outcome.expect() == Outcome.Expect.FORBIDDEN ? "not seen" : "NOT SHOWN", verdict.note()));
        }
        TextTable.print(out, outcomes);
        out.printf("%nIn short: %s%n", seen.conclusion());
    }

    private static String format(Object value) {
        return value instanceof Double number ? String.format(Locale.ROOT, "%.4g", number) : String.valueOf(value);
    }
}
