package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.measure.ReadmeBlock;
import dev.concurrencylab.ipc.PrivateDirectory;
import dev.concurrencylab.lab.timeline.Timeline;
import dev.concurrencylab.lab.timeline.TimelinePage;
import dev.concurrencylab.lab.timeline.TimelineRecording;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code concurrency-lab observed}: writes the "what this machine showed" blocks of the READMEs
 * from a real run, so that what a README shows is what the program printed.
 *
 * <p>A block is everything between {@code <!-- observed ID -->} and {@code <!-- /observed -->} in
 * any {@code README.md} of the project (the root and one level down): the lesson is run once, and
 * the block becomes the command, a line saying when and on what it ran, and the lesson's table,
 * outcomes and conclusion exactly as {@code run} prints them. The block {@code <!-- observed tour -->}
 * gets the summary of {@code tour --quick}. A block for an id no lesson has is an error; nothing
 * is written then.
 */
@Command(name = "observed", mixinStandardHelpOptions = true,
        description = "Rewrite the README blocks marked <!-- observed ID --> from a real run of each lesson.")
final class ObservedCommand implements Callable<Integer> {

    /**
     * Lessons whose block also shows a picture of time: what each thread did when, from a second,
     * quick run recorded by JDK Flight Recorder (so that the recording's cost is not in the
     * block's figures), written as {@code timelines/ID.svg} beside the README.
     */
    static final Set<String> PICTURED = Set.of("gil", "locks", "race-condition", "virtual-threads", "cpu-speedup",
            "process-pool", "thread-queue");

    /** The block that holds the quick tour's summary rather than one lesson. */
    static final String TOUR = "tour";

    static final Pattern BLOCK = Pattern.compile("(<!-- observed ([a-z0-9-]+) -->\\n)(.*?)(<!-- /observed -->)", Pattern.DOTALL);

    @ParentCommand
    private ConcurrencyLab lab;

    @Mixin
    private LessonOptions options;

    @Option(names = "--root", description = "the project folder (default: the current one)")
    private Path root = Path.of(".");

    @Option(names = "--check", description = "only list the blocks and their lessons; run nothing, write nothing")
    private boolean check;

    @Option(names = "--only", paramLabel = "<id>", description = "rewrite only the blocks of these lessons (or 'tour'); repeatable")
    private List<String> only = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<Path> readmes;
        try (Stream<Path> files = Files.find(root, 2, (path, attributes) -> path.getFileName().toString().equals("README.md"))) {
            readmes = files.sorted().toList();
        }
        Map<Path, List<String>> blocks = new HashMap<>();
        for (Path readme : readmes) {
            List<String> ids = idsIn(Files.readString(readme)).stream()
                    .filter(id -> only.isEmpty() || only.contains(id)).toList();
            for (String id : ids) {
                if (!id.equals(TOUR) && lab.lessons.find(id).isEmpty()) {
                    lab.err.println("concurrency-lab observed: " + readme + " has a block for '" + id + "', which is no lesson");
                    return ConcurrencyLab.USAGE;
                }
            }
            if (!ids.isEmpty()) {
                blocks.put(readme, ids);
            }
        }
        if (blocks.isEmpty()) {
            lab.err.println("concurrency-lab observed: no <!-- observed ID --> block" + (only.isEmpty() ? "" : " for " + only)
                    + " in any README.md under " + root.toAbsolutePath());
            return ConcurrencyLab.USAGE;
        }
        if (check) {
            blocks.forEach((readme, ids) -> lab.out.println(readme + ": " + String.join(", ", ids)));
            return 0;
        }
        Set<String> wanted = new HashSet<>();
        blocks.values().forEach(wanted::addAll);
        Map<String, String> shown = new HashMap<>();
        Map<String, String> pictures = new HashMap<>();
        boolean failed = false;
        for (Lesson lesson : lab.lessons.all()) {
            if (wanted.contains(lesson.id()) && lesson.unavailable().isPresent()) {
                lab.err.println("not running " + lesson.id() + ", unavailable here (" + lesson.unavailable().get()
                        + "): its block is left as it was");
            } else if (wanted.contains(lesson.id())) {
                lab.err.println("running " + lesson.id() + (options.quick ? " --quick" : "") + " ...");
                Optional<String> block = block(lesson);
                if (block.isPresent() && PICTURED.contains(lesson.id())) {
                    lab.err.println("recording " + lesson.id() + " --quick for its timeline ...");
                    Optional<String> picture = picture(lesson);
                    picture.ifPresent(svg -> pictures.put(lesson.id(), svg));
                    block = picture.isEmpty() ? Optional.empty() : block.map(text -> text + String.format(
                            "%n![What each thread did when, in a quick run of %s recorded by JDK Flight Recorder](timelines/%s.svg)%n",
                            lesson.id(), lesson.id()));
                }
                failed |= block.isEmpty();
                block.ifPresent(text -> shown.put(lesson.id(), text));
            }
        }
        if (wanted.contains(TOUR)) {
            Optional<String> summary = tourSummary();
            failed |= summary.isEmpty();
            summary.ifPresent(text -> shown.put(TOUR, text));
        }
        if (failed) {
            lab.err.println("concurrency-lab observed: a lesson failed; no README was changed");
            return ConcurrencyLab.LESSON_FAILED;
        }
        for (Path readme : blocks.keySet()) {
            for (String id : blocks.get(readme)) {
                if (pictures.containsKey(id)) {
                    Path svg = readme.toAbsolutePath().getParent().resolve("timelines").resolve(id + ".svg");
                    Files.createDirectories(svg.getParent());
                    Files.writeString(svg, pictures.get(id));
                    lab.out.println("wrote " + root.toAbsolutePath().relativize(svg));
                }
            }
            String before = Files.readString(readme);
            String after = fill(before, shown);
            if (!after.equals(before)) {
                Files.writeString(readme, after);
                lab.out.println("wrote " + readme);
            }
        }
        return 0;
    }

    /** The lesson ids of a README's blocks, in order. */
    static List<String> idsIn(String readme) {
        List<String> ids = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            ids.add(block.group(2));
        }
        return ids;
    }

    /** The README with every block replaced by what {@code shown} holds for its id. */
    static String fill(String readme, Map<String, String> shown) {
        return BLOCK.matcher(readme).replaceAll(block -> Matcher.quoteReplacement(
                block.group(1) + shown.getOrDefault(block.group(2), block.group(3)) + block.group(4)));
    }

    /** Every lesson with --quick, as the tour runs them; the block is the tour's summary. */
    private Optional<String> tourSummary() {
        lab.err.println("running the tour --quick for its summary ...");
        LessonRunner runner = new LessonRunner(new PrintStream(PrintStream.nullOutputStream()), lab.err, options.verbose);
        List<LessonRunner.Run> runs = new ArrayList<>();
        double seconds = 0;
        for (Lesson lesson : lab.lessons.all()) {
            LessonRunner.Run run = runner.runAsTable(lesson, true);
            if (run.failed()) {
                return Optional.empty();
            }
            runs.add(run);
            seconds += run.seconds();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TourCommand.printSummary(new PrintStream(printed, true, StandardCharsets.UTF_8), runs, true);
        return Optional.of(ReadmeBlock.stamped("./concurrency-lab tour --quick",
                String.format("%d lessons in %.0f s", runs.size(), seconds), printed.toString(StandardCharsets.UTF_8)));
    }

    /** A quick run of {@code lesson} recorded by the flight recorder, drawn as a standalone SVG; empty if it failed. */
    private Optional<String> picture(Lesson lesson) throws IOException {
        LessonRunner runner = new LessonRunner(new PrintStream(PrintStream.nullOutputStream()), lab.err, options.verbose);
        try (PrivateDirectory scratch = PrivateDirectory.create("timeline"); TimelineRecording recording = TimelineRecording.start()) {
            LessonRunner.Run run = runner.runAsTable(lesson, true, recording::narrating);
            Path file = scratch.path().resolve("run.jfr");
            recording.stopInto(file);
            if (run.failed()) {
                return Optional.empty();
            }
            Timeline timeline = Timeline.of(TimelineRecording.read(file), RunCommand.MAX_LANES);
            String caption = ReadmeBlock.heading("./concurrency-lab run " + lesson.id() + " --quick --timeline", null)
                    .replace("`", "").replaceAll(":$", "");
            return Optional.of(TimelinePage.picture(timeline, caption));
        }
    }

    /** One lesson's block: its command, where and when it ran, and what {@code run} printed after the narration. */
    private Optional<String> block(Lesson lesson) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        LessonRunner.Run run = new LessonRunner(out, lab.err, options.verbose).runAsTable(lesson, options.quick);
        if (run.failed()) {
            return Optional.empty();
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        return Optional.of(ReadmeBlock.stamped("./concurrency-lab run " + lesson.id() + (options.quick ? " --quick" : ""), null,
                text.substring(text.indexOf("\n  observation ") + 1)));
    }
}
