package dev.concurrencylab.lab;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.lab.timeline.Timeline;
import dev.concurrencylab.lab.timeline.TimelineRecording;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM started while a timeline records with its children records itself, and its lanes
 * land on the parent's clock: the child sleeps right after it says it is ready, and the parent
 * notes the moment it reads that line; the two moments, one stamped by each JVM, lie within
 * milliseconds of each other (the pipe's delay), where a clock of the wrong origin would be
 * seconds off.
 */
@Isolated // a recording makes every child JVM started meanwhile record too
class ChildTimelineTest {

    /** Says it is ready, sleeps 300 ms, and ends. */
    public static final class SleepingChild {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            ChildSide.sayReady();
            Thread.sleep(300);
        }
    }

    @Test
    void aRecordedChildsLanesCarryItsPidAndLieOnTheParentsClock(@TempDir Path scratch) throws Exception {
        Path children = Files.createDirectory(scratch.resolve("children"));
        Instant readyRead;
        long pid;
        List<TimelineRecording.ChildRecording> recorded;
        Path file = scratch.resolve("run.jfr");
        try (TimelineRecording recording = TimelineRecording.startWithChildren(children)) {
            try (ChildJvm child = ChildJvm.builder(SleepingChild.class).name("sleeper").start()) {
                child.awaitReady(Timeouts.seconds(60));
                readyRead = Instant.now();
                pid = child.pid();
                assertThat(child.exitCode(Timeouts.seconds(30))).as("the child's exit").hasValue(0);
            }
            recording.stopInto(file);
            recorded = recording.childRecordings();
        }
        assertThat(System.getProperty(ChildJvm.RECORD_INTO_PROPERTY)).as("children started later record nothing").isNull();
        assertThat(Files.readString(children.resolve(ChildJvm.RECORDING_SETTINGS))).as("the children's settings, from the parent's")
                .contains("<event name=\"jdk.ThreadSleep\"><setting name=\"enabled\">true</setting><setting name=\"stackTrace\">false"
                        + "</setting><setting name=\"threshold\">0 ns</setting></event>");
        assertThat(recorded).singleElement().satisfies(child -> {
            assertThat(child.name()).isEqualTo("sleeper");
            assertThat(child.pid()).isEqualTo(pid);
        });

        Timeline timeline = Timeline.of(TimelineRecording.read(file), recorded, 48);
        Timeline.Lane main = timeline.lanes().stream().filter(lane -> lane.name().equals("sleeper (pid " + pid + "): main"))
                .findFirst().orElseThrow(() -> new AssertionError("no lane for the child's main thread among "
                        + timeline.lanes().stream().map(Timeline.Lane::name).toList()));
        Timeline.Span sleep = main.spans().stream().filter(span -> span.state() == Timeline.State.SLEEPING)
                .filter(span -> Duration.between(span.start(), span.end()).toMillis() >= 250).findFirst().orElseThrow();
        Duration skew = Duration.between(sleep.start(), readyRead).abs();
        System.out.printf("the child's sleep began %.3f ms before the parent read its ready line (the pipe's delay and the clocks')%n",
                Duration.between(sleep.start(), readyRead).toNanos() / 1e6);
        assertThat(skew).as("the child's sleep against the moment the parent read its ready line").isLessThan(Timeouts.seconds(0.25));
    }
}
