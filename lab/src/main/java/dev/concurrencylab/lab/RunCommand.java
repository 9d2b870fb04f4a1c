package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;

import org.apache.commons.text.similarity.LevenshteinDistance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code concurrency-lab run <id>}: one lesson, as a table or as one JSON object. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run one lesson and show what it observed.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private ConcurrencyLab lab;

    @Parameters(paramLabel = "<id>", description = "the lesson id, as shown by 'list'")
    private String id;

    @Mixin
    private LessonOptions options;

    @Option(names = "--json", description = "print one JSON object on stdout (observations, their units and meanings, "
            + "the outcomes, the machine); narration goes to stderr")
    private boolean json;

    @Override
    public Integer call() {
        Optional<Lesson> lesson = lab.lessons.find(id);
        if (lesson.isEmpty()) {
            lab.err.println("concurrency-lab: no lesson '" + id + "'; closest: "
                    + String.join(", ", closest(id, lab.lessons.ids())) + " (see 'concurrency-lab list')");
            return ConcurrencyLab.USAGE;
        }
        LessonRunner runner = new LessonRunner(lab.out, lab.err, options.verbose);
        LessonRunner.Run run = json ? runner.runAsJson(lesson.get(), options.quick, true)
                : runner.runAsTable(lesson.get(), options.quick);
        if (run.wasUnavailable()) {
            return ConcurrencyLab.UNAVAILABLE;
        }
        return run.failed() ? ConcurrencyLab.LESSON_FAILED : 0;
    }

    /** The three ids nearest to {@code wanted} by edit distance, ids containing it first. */
    static List<String> closest(String wanted, List<String> ids) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        return ids.stream()
                .sorted(Comparator.comparing((String id) -> !id.contains(wanted))
                        .thenComparing(id -> distance.apply(wanted, id)))
                .limit(3)
                .toList();
    }
}
