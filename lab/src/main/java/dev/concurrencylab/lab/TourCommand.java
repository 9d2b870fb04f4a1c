package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code concurrency-lab tour}: every lesson in curriculum order, then a summary. */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Run every lesson in curriculum order and end with a summary table.")
final class TourCommand implements Callable<Integer> {

    @ParentCommand
    private ConcurrencyLab lab;

    @Mixin
    private LessonOptions options;

    @Override
    public Integer call() {
        LessonRunner runner = new LessonRunner(lab.out, lab.err, options.verbose);
        List<LessonRunner.Outcome> outcomes = new ArrayList<>();
        for (Lesson lesson : lab.lessons.all()) {
            outcomes.add(runner.runAsTable(lesson, options.quick));
            lab.out.println();
        }
        lab.out.println("Summary" + (options.quick ? " (--quick)" : ""));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("lesson", "took", "result"));
        for (LessonRunner.Outcome outcome : outcomes) {
            rows.add(List.of(outcome.lesson().id(), String.format("%.1f s", outcome.seconds()),
                    outcome.failed() ? "FAILED: " + outcome.failure() : outcome.observations().conclusion()));
        }
        TextTable.print(lab.out, rows);
        return outcomes.stream().anyMatch(LessonRunner.Outcome::failed) ? ConcurrencyLab.LESSON_FAILED : 0;
    }
}
