package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code concurrency-lab tour}: every lesson in curriculum order, then a summary that says, for
 * every lesson, what it showed and what this run could not show, and why.
 */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Run every lesson in curriculum order and end with a summary table.")
final class TourCommand implements Callable<Integer> {

    @ParentCommand
    private ConcurrencyLab lab;

    @Mixin
    private LessonOptions options;

    @Option(names = "--json", description = "JSON Lines: one object per lesson on stdout, as 'run --json' prints it; "
            + "narration goes to stderr")
    private boolean json;

    @Option(names = "--chapter", paramLabel = "N", description = "only the lessons of chapter N (1 threads, 2 processes, 3 ipc, 4 cluster)")
    private Integer chapter;

    @Option(names = "--from", paramLabel = "ID", description = "start at this lesson, to pick a tour up where it stopped")
    private String from;

    @Override
    public Integer call() {
        List<Lesson> lessons = lab.lessons.all().stream()
                .filter(lesson -> chapter == null || lesson.place().chapter() == chapter).toList();
        if (lessons.isEmpty() && chapter != null) {
            List<Integer> chapters = lab.lessons.all().stream().map(lesson -> lesson.place().chapter()).distinct().toList();
            lab.err.println("concurrency-lab tour: no chapter " + chapter + "; the chapters are " + chapters);
            return ConcurrencyLab.USAGE;
        }
        if (from != null) {
            List<String> ids = lessons.stream().map(Lesson::id).toList();
            if (!ids.contains(from)) {
                lab.err.println("concurrency-lab tour: no lesson '" + from + "'" + (chapter == null ? "" : " in chapter " + chapter)
                        + "; the lessons are " + String.join(", ", ids));
                return ConcurrencyLab.USAGE;
            }
            lessons = lessons.subList(ids.indexOf(from), lessons.size());
        }
        LessonRunner runner = new LessonRunner(lab.out, lab.err, options.verbose);
        List<LessonRunner.Run> runs = new ArrayList<>();
        for (Lesson lesson : lessons) {
            if (json) {
                runs.add(runner.runAsJson(lesson, options.quick, false));
            } else {
                runs.add(runner.runAsTable(lesson, options.quick));
                lab.out.println();
            }
        }
        if (!json) {
            printSummary(lab.out, runs, options.quick);
        }
        return runs.stream().anyMatch(LessonRunner.Run::failed) ? ConcurrencyLab.LESSON_FAILED : 0;
    }

    /** The summary table, then what the runs did not show and why. */
    static void printSummary(PrintStream out, List<LessonRunner.Run> runs, boolean quick) {
        out.println("Summary" + (quick ? " (--quick)" : ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("lesson", "took", "result"));
        for (LessonRunner.Run run : runs) {
            String result = run.wasUnavailable() ? "unavailable: " + run.unavailable()
                    : run.failed() ? "FAILED: " + run.failure() : run.observations().conclusion();
            rows.add(List.of(run.lesson().id(), run.wasUnavailable() ? "-" : String.format("%.1f s", run.seconds()), result));
        }
        TextTable.print(out, rows);
        List<String> missed = new ArrayList<>();
        for (LessonRunner.Run run : runs) {
            for (Outcome.Verdict verdict : run.missed()) {
                missed.add(String.format("  %s, %s: %s", run.lesson().id(), verdict.outcome().name(), verdict.note()));
            }
        }
        if (missed.isEmpty()) {
            out.println("Every lesson showed every effect it is about.");
        } else {
            out.println("Not shown in this run, and why:");
            missed.forEach(out::println);
        }
    }
}
