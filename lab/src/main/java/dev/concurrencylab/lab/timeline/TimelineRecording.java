package dev.concurrencylab.lab.timeline;

import dev.concurrencylab.core.child.ChildJvm;

import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The flight recorder, on for one lesson run: every park, monitor enter, monitor wait, sleep and
 * virtual-thread pin however short (threshold 0), thread starts and ends, a CPU sample of each
 * running thread every 10 ms, the GIL model's holds, waits and forced drops, and the lesson's
 * narration lines, all on one clock.
 *
 * <p>With a directory for the children, every child JVM started meanwhile records the same events
 * into it ({@link ChildJvm#RECORD_INTO_PROPERTY}) and writes its file when it ends. Each JVM stamps
 * its events with the operating system's wall clock, so the parent's and the children's lie on one
 * time line without any shifting (ChildTimelineTest measures how closely). A recorded child
 * starts slower (the recorder's own start-up comes first), so children are recorded only when asked.
 */
public final class TimelineRecording implements AutoCloseable {

    /** The events the timeline draws; each one with a duration is recorded from 0 ns up. */
    static final List<String> BLOCKING_EVENTS = List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.ThreadSleep", "jdk.VirtualThreadPinned", "jdk.FileRead", "jdk.SocketRead");

    /** Past this the recording keeps its newest part: a lesson that parks millions of times stays drawable. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final Recording recording = new Recording();
    private final Optional<Path> children;

    private TimelineRecording(Optional<Path> children) {
        this.children = children;
        recording.setName("concurrency-lab timeline");
        recording.setToDisk(true);
        recording.setMaxSize(MAX_BYTES);
        for (String event : BLOCKING_EVENTS) {
            recording.enable(event).withThreshold(Duration.ZERO).withoutStackTrace();
        }
        recording.enable("jdk.ThreadStart").withoutStackTrace();
        recording.enable("jdk.ThreadEnd");
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.enable(NarrationLine.class);
        recording.enable("dev.concurrencylab.LessonPhase").withThreshold(Duration.ZERO); // core's LessonContext.phase commits them
        for (String gil : List.of("dev.concurrencylab.GilHeld", "dev.concurrencylab.GilWait", "dev.concurrencylab.GilDrop")) {
            recording.enable(gil).withThreshold(Duration.ZERO); // core's GIL model commits them
        }
    }

    /**
     * The events the timeline draws that this JVM's flight recorder does not have (an older or
     * another vendor's JDK): their stretches cannot show, and the page says so.
     */
    public static List<String> notRecordable() {
        Set<String> known = FlightRecorder.getFlightRecorder().getEventTypes().stream().map(EventType::getName).collect(Collectors.toSet());
        return Stream.concat(BLOCKING_EVENTS.stream(), Stream.of("jdk.ExecutionSample")).filter(name -> !known.contains(name)).toList();
    }

    /** Starts recording this JVM. */
    public static TimelineRecording start() {
        TimelineRecording timeline = new TimelineRecording(Optional.empty());
        timeline.recording.start();
        return timeline;
    }

    /** Starts recording this JVM, and every child JVM started until {@link #stopInto} into {@code directory}. */
    public static TimelineRecording startWithChildren(Path directory) throws IOException {
        TimelineRecording timeline = new TimelineRecording(Optional.of(directory));
        Files.writeString(directory.resolve(ChildJvm.RECORDING_SETTINGS), settingsFile(timeline.recording.getSettings()), StandardCharsets.UTF_8);
        System.setProperty(ChildJvm.RECORD_INTO_PROPERTY, directory.toString());
        timeline.recording.start();
        return timeline;
    }

    /**
     * This JVM's recording settings ({@code event#setting = value}) as a settings file the
     * children's recorder reads: the same events, thresholds and period, from one place.
     */
    static String settingsFile(Map<String, String> settings) {
        Map<String, Map<String, String>> byEvent = new TreeMap<>();
        settings.forEach((key, value) -> {
            int hash = key.indexOf('#');
            byEvent.computeIfAbsent(key.substring(0, hash), event -> new TreeMap<>()).put(key.substring(hash + 1), value);
        });
        StringBuilder jfc = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="concurrency-lab timeline, a child JVM">
                """);
        byEvent.forEach((event, eventSettings) -> {
            jfc.append("  <event name=\"").append(event).append("\">");
            eventSettings.forEach((name, value) -> jfc.append("<setting name=\"").append(name).append("\">").append(value).append("</setting>"));
            jfc.append("</event>\n");
        });
        return jfc.append("</configuration>\n").toString();
    }

    /** One child JVM's recording: its name, its pid and its events. */
    public record ChildRecording(String name, long pid, List<RecordedEvent> events) {}

    private static final Pattern CHILD_FILE = Pattern.compile("(.+)-(\\d+)\\.jfr");

    /** Copies the children's recordings beside {@code file} ({@code run.jfr}: {@code run.pool-worker-1-4242.jfr}); the copies. */
    public List<Path> keepChildRecordingsBeside(Path file) throws IOException {
        List<Path> kept = new ArrayList<>();
        String stem = file.getFileName().toString().replaceFirst("\\.jfr$", "");
        for (Path child : childFiles()) {
            kept.add(Files.copy(child, file.resolveSibling(stem + "." + child.getFileName()), StandardCopyOption.REPLACE_EXISTING));
        }
        return kept;
    }

    /** The files the children wrote, {@code <name>-<pid>.jfr}, in name order; none when children are not recorded. */
    private List<Path> childFiles() throws IOException {
        if (children.isEmpty()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(children.get())) {
            return files.filter(path -> CHILD_FILE.matcher(path.getFileName().toString()).matches()).sorted().toList();
        }
    }

    /** The recordings the children wrote, once they have ended; a child still running or killed outright wrote none. */
    public List<ChildRecording> childRecordings() throws IOException {
        List<ChildRecording> recordings = new ArrayList<>();
        for (Path file : childFiles()) {
            Matcher named = CHILD_FILE.matcher(file.getFileName().toString());
            if (named.matches()) {
                recordings.add(new ChildRecording(named.group(1), Long.parseLong(named.group(2)), read(file)));
            }
        }
        return recordings;
    }

    /** {@code out}, with every line written to it also recorded as a {@link NarrationLine}. */
    public PrintStream narrating(PrintStream out) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                out.write(b);
                if (b == '\n') {
                    new NarrationLine(line.toString(StandardCharsets.UTF_8).stripTrailing()).commit();
                    line.reset();
                } else {
                    line.write(b);
                }
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /** Stops recording and writes it to {@code file}, which JDK Mission Control and {@code jfr} read. */
    public void stopInto(Path file) throws IOException {
        children.ifPresent(directory -> System.clearProperty(ChildJvm.RECORD_INTO_PROPERTY));
        recording.stop();
        recording.dump(file);
    }

    /** The events of a recording written by {@link #stopInto}. */
    public static List<RecordedEvent> read(Path file) throws IOException {
        return RecordingFile.readAllEvents(file);
    }

    @Override
    public void close() {
        children.ifPresent(directory -> System.clearProperty(ChildJvm.RECORD_INTO_PROPERTY));
        recording.close();
    }
}
