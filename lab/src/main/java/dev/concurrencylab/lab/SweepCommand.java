package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Parameter;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.lab.compare.Progress;
import dev.concurrencylab.lab.sweep.Sweep;
import dev.concurrencylab.lab.sweep.SweepReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code concurrency-lab sweep <id> -p NAME=V1,V2,...}: the lesson once per value, in rounds that
 * take the values in turns (reversed every other round, as {@code compare} does), and per value
 * the median and range of each numeric observation; with {@code --out}, a page with a chart per
 * key against the parameter, and every sample as CSV and JSON.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a lesson across values of one of its parameters and show how its observations move.")
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    private ConcurrencyLab lab;

    @Parameters(paramLabel = "<id>", description = "the lesson id; 'list --params' shows which lessons have parameters")
    private String id;

    @Mixin
    private LessonOptions options;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=V1,V2,...", required = true,
            description = "the parameter to sweep, with its values (exactly one has several); others fixed at one value")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--rounds", paramLabel = "N", description = "rounds over every value (default 3; 2 with --quick)")
    private Integer rounds;

    @Option(names = "--key", paramLabel = "KEY", description = "the observations to show and chart (repeatable; default: every number)")
    private List<String> keys = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "write index.html (a chart per key), samples.csv and results.json into DIR")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Optional<Lesson> found = lab.lessons.find(id);
        if (found.isEmpty()) {
            lab.err.println("concurrency-lab: no lesson '" + id + "'; closest: "
                    + String.join(", ", RunCommand.closest(id, lab.lessons.ids())) + " (see 'concurrency-lab list')");
            return ConcurrencyLab.USAGE;
        }
        Lesson lesson = found.get();
        Sweep.Plan plan;
        try {
            plan = Sweep.plan(lesson, parameters, options.quick, rounds == null ? (options.quick ? 2 : 3) : rounds);
        } catch (IllegalArgumentException e) {
            lab.err.println("concurrency-lab: " + e.getMessage() + " (see 'concurrency-lab list --params')");
            return ConcurrencyLab.USAGE;
        }
        Progress progress = new Progress(lab.err, plan.rounds() * plan.values().size(), Progress.onTerminal());
        PrintStream silent = new PrintStream(PrintStream.nullOutputStream());
        Sweep.Result result = Sweep.run(plan, chosen -> {
            LessonRunner.Run run = new LessonRunner(silent, lab.err, options.verbose, chosen).runAsTable(lesson, options.quick);
            return new Sweep.Sample(run.observations(), run.failure(), run.seconds());
        }, progress);
        if (result.failure() != null) {
            lab.err.println("concurrency-lab: sweep of " + lesson.id() + " stopped: " + result.failure());
            return ConcurrencyLab.LESSON_FAILED;
        }
        List<String> unknown = keys.stream().filter(key -> !result.keys().contains(key)).toList();
        if (!unknown.isEmpty()) {
            lab.err.println("concurrency-lab: " + lesson.id() + " observed no number named " + String.join(", ", unknown)
                    + "; its numbers: " + String.join(", ", result.keys()));
            return ConcurrencyLab.USAGE;
        }
        List<String> shown = keys.isEmpty() ? result.keys() : keys;
        lab.out.printf("== sweep %s over %s = %s, %d rounds%s%n", lesson.id(), plan.swept().name(),
                String.join(", ", plan.values().stream().map(Parameter::format).toList()), plan.rounds(),
                plan.fixed().isEmpty() ? "" : "; fixed: " + plan.fixed());
        SweepReport.printTable(lab.out, result, shown);
        if (out != null) {
            SweepReport.write(out, result, shown, Machine.current());
            lab.out.println("Report: " + out.resolve(SweepReport.PAGE).toAbsolutePath());
        }
        return 0;
    }
}
