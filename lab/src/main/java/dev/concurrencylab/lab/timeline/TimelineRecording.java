package dev.concurrencylab.lab.timeline;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The flight recorder, on for one lesson run: every park, monitor enter, monitor wait, sleep and
 * virtual-thread pin however short (threshold 0), thread starts and ends, a CPU sample of each
 * running thread every 10 ms, the GIL model's holds, waits and forced drops, and the lesson's
 * narration lines, all on one clock.
 */
public final class TimelineRecording implements AutoCloseable {

    /** The events the timeline draws; each one with a duration is recorded from 0 ns up. */
    static final List<String> BLOCKING_EVENTS = List.of("jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
            "jdk.ThreadSleep", "jdk.VirtualThreadPinned");

    /** Past this the recording keeps its newest part: a lesson that parks millions of times stays drawable. */
    private static final long MAX_BYTES = 256L * 1024 * 1024;

    private final Recording recording = new Recording();

    private TimelineRecording() {
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
        for (String gil : List.of("dev.concurrencylab.GilHeld", "dev.concurrencylab.GilWait", "dev.concurrencylab.GilDrop")) {
            recording.enable(gil).withThreshold(Duration.ZERO); // core's GIL model commits them
        }
    }

    /** Starts recording. */
    public static TimelineRecording start() {
        TimelineRecording timeline = new TimelineRecording();
        timeline.recording.start();
        return timeline;
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
        recording.stop();
        recording.dump(file);
    }

    /** The events of a recording written by {@link #stopInto}. */
    public static List<RecordedEvent> read(Path file) throws IOException {
        return RecordingFile.readAllEvents(file);
    }

    @Override
    public void close() {
        recording.close();
    }
}
