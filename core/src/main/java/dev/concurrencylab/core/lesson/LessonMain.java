package dev.concurrencylab.core.lesson;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /**
     * Runs {@code lesson} once: {@code --quick} for the short run, {@code -p NAME=VALUE} (repeated)
     * to turn its knobs. A wrong argument is one line on stderr and exit code 2.
     */
    public static void run(Lesson lesson, String... args) throws Exception {
        int code = run(lesson, System.out, System.err, args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The same, writing to {@code out} and {@code err}; returns the exit code. */
    static int run(Lesson lesson, PrintStream out, PrintStream err, String... args) throws Exception {
        boolean quick = false;
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String argument = args[i];
            if (argument.equals("--quick")) {
                quick = true;
            } else if (argument.equals("-p") && i + 1 < args.length && args[i + 1].contains("=")) {
                String[] choice = args[++i].split("=", 2);
                given.put(choice[0].strip(), choice[1]);
            } else {
                err.printf("unknown argument '%s': %s takes --quick and -p NAME=VALUE%s%n", argument, lesson.id(),
                        lesson.parameters().isEmpty() ? " (it has no parameters)" : " (its parameters: "
                                + String.join(", ", lesson.parameters().stream().map(Parameter::name).toList()) + ")");
                return 2;
            }
        }
        Map<String, Double> chosen;
        try {
            chosen = LessonContext.chosen(lesson, quick, given);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        Optional<String> unavailable = lesson.unavailable();
        if (unavailable.isPresent()) {
            out.printf("%s cannot run here: %s%n", lesson.id(), unavailable.get());
            return 0;
        }
        out.printf("== %s: %s%n", lesson.id(), lesson.title());
        Observations seen = lesson.run(LessonContext.of(lesson, quick, out, chosen));
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
        return 0;
    }

    private static String format(Object value) {
        return value instanceof Double number ? String.format(Locale.ROOT, "%.4g", number) : String.valueOf(value);
    }
}
