package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.measure.ReadmeBlock;
import dev.concurrencylab.ipc.PrivateDirectory;
import dev.concurrencylab.lab.timeline.Timeline;
import dev.concurrencylab.lab.timeline.TimelinePage;
import dev.concurrencylab.lab.timeline.TimelineRecording;

import org.apache.commons.text.similarity.LevenshteinDistance;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--timeline", arity = "0..1", fallbackValue = "", paramLabel = "FILE",
            description = "record the run with JDK Flight Recorder and write a page of what every thread did when: a lane "
                    + "per thread, its state over time, the narration as marks (default: timeline-<id>.html)")
    private String timeline;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "run with one of the lesson's parameters at VALUE (repeatable); 'list --params' shows them")
    private Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--children", description = "with --timeline or --jfr: record every child JVM the lesson starts too "
            + "(pool workers, cluster members...), each a group of lanes named by its pid; a recorded child starts slower")
    private boolean children;

    @Option(names = "--jfr", paramLabel = "FILE",
            description = "keep the flight recording in FILE, for JDK Mission Control or 'jfr print' / 'jfr view'")
    private Path jfr;

    @Override
    public Integer call() {
        Optional<Lesson> lesson = lab.lessons.find(id);
        if (lesson.isEmpty()) {
            lab.err.println("concurrency-lab: no lesson '" + id + "'; closest: "
                    + String.join(", ", closest(id, lab.lessons.ids())) + " (see 'concurrency-lab list')");
            return ConcurrencyLab.USAGE;
        }
        Map<String, Double> chosen;
        try {
            chosen = LessonContext.chosen(lesson.get(), options.quick, parameters);
        } catch (IllegalArgumentException e) {
            lab.err.println("concurrency-lab: " + e.getMessage() + " (see 'concurrency-lab list --params')");
            return ConcurrencyLab.USAGE;
        }
        LessonRunner runner = new LessonRunner(lab.out, lab.err, options.verbose, chosen);
        LessonRunner.Run run;
        if (timeline == null && jfr == null) {
            run = json ? runner.runAsJson(lesson.get(), options.quick, true) : runner.runAsTable(lesson.get(), options.quick);
        } else {
            try {
                run = recorded(runner, lesson.get());
            } catch (IOException e) {
                lab.err.println("concurrency-lab: the flight recording could not be written: " + e.getMessage());
                return ConcurrencyLab.LESSON_FAILED;
            }
        }
        if (run.wasUnavailable()) {
            return ConcurrencyLab.UNAVAILABLE;
        }
        return run.failed() ? ConcurrencyLab.LESSON_FAILED : 0;
    }

    /** For the end of 'run <id> --help': the knobs of lesson {@code id}, as 'list --params' shows them. */
    String parametersHelp() {
        Optional<Lesson> lesson = id == null ? Optional.empty() : lab.lessons.find(id);
        if (lesson.isEmpty()) {
            return "\nThe lesson's knobs: 'concurrency-lab run <id> --help' with a lesson's id, or 'concurrency-lab list --params'.\n";
        }
        if (lesson.get().parameters().isEmpty()) {
            return "\n" + lesson.get().id() + " has no knobs to turn.\n";
        }
        StringBuilder help = new StringBuilder("\nThe knobs of " + lesson.get().id() + ":\n");
        lesson.get().parameters().forEach(parameter -> help.append("  -p ").append(parameter.describe()).append("\n"));
        return help.toString();
    }

    /** The run, recorded by the flight recorder; then the recording kept and the timeline page written, as asked. */
    private LessonRunner.Run recorded(LessonRunner runner, Lesson lesson) throws IOException {
        PrintStream said = json ? lab.err : lab.out; // stdout carries the JSON alone
        long starting = System.nanoTime();
        try (PrivateDirectory scratch = PrivateDirectory.create("timeline");
             TimelineRecording recording = children ? TimelineRecording.startWithChildren(Files.createDirectory(scratch.path().resolve("children")))
                     : TimelineRecording.start()) {
            double startSeconds = (System.nanoTime() - starting) / 1e9;
            LessonRunner.Run run = json ? runner.runAsJson(lesson, options.quick, true, recording::narrating)
                    : runner.runAsTable(lesson, options.quick, recording::narrating);
            long stopping = System.nanoTime();
            Path file = jfr != null ? jfr : scratch.path().resolve("run.jfr");
            recording.stopInto(file);
            if (jfr != null) {
                said.println("flight recording: " + jfr + " (open it in JDK Mission Control, or: jfr view contention-by-thread " + jfr + ")");
                for (Path child : recording.keepChildRecordingsBeside(jfr)) {
                    said.println("a child JVM's flight recording: " + child);
                }
            }
            if (timeline != null) {
                Path page = Path.of(timeline.isEmpty() ? "timeline-" + lesson.id() + ".html" : timeline);
                List<TimelineRecording.ChildRecording> childRecordings = recording.childRecordings();
                Timeline drawn = Timeline.of(TimelineRecording.read(file), childRecordings, MAX_LANES);
                String command = "./concurrency-lab run " + lesson.id() + (options.quick ? " --quick" : "") + " --timeline"
                        + (children ? " --children" : "");
                Files.writeString(page, TimelinePage.html(drawn, lesson.id() + ": " + lesson.title(),
                        ReadmeBlock.heading(command, null).replace("`", "").replaceAll(":$", ""), TimelineRecording.notRecordable()));
                said.printf("timeline: %s (%d lanes drawn%s%s, %d narration marks, %.2f s)%n", page, drawn.lanes().size(),
                        children ? ", " + childRecordings.size() + " child JVMs recorded" : "",
                        drawn.lanesLeftOut() == 0 ? "" : ", " + drawn.lanesLeftOut() + " more left out", drawn.marks().size(),
                        drawn.length().toNanos() / 1e9);
            }
            said.printf("the flight recorder: the figures above were measured while it ran (run without --timeline for figures"
                    + " without it); starting it took %.2f s; stopping it, reading the recording and drawing, %.2f s%n",
                    startSeconds, (System.nanoTime() - stopping) / 1e9);
            return run;
        }
    }

    /** More lanes than this make a page nobody reads; the first threads to act are drawn. */
    static final int MAX_LANES = 48;

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
