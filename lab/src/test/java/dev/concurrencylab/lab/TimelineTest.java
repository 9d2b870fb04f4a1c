package dev.concurrencylab.lab;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.gil.Gil;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.lab.timeline.Timeline;
import dev.concurrencylab.lab.timeline.TimelinePage;
import dev.concurrencylab.lab.timeline.TimelineRecording;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run <id> --timeline FILE --jfr FILE} on a lesson whose schedule is forced: one thread
 * holds a monitor and sleeps while another is blocked entering it. The page must draw exactly
 * that, in the right lanes, and name the monitor and its holder; the recording must be one that
 * JFR's own reader reads, narration included.
 */
@Isolated // a recording makes every child JVM started meanwhile record too
class TimelineTest {

    @LessonCard(id = "monitor-handoff", place = "1.1", title = "One thread holds a monitor, another waits to enter it",
            keys = {"blocked_ms"})
    static final class MonitorHandoff implements Lesson {
        @Override
        public List<Outcome> outcomes() {
            return List.of(Outcome.forbidden("waiter_never_blocked", "the waiter never blocked on the monitor",
                    seen -> !seen.flag("waiter_blocked")));
        }

        @Override
        public Observations run(LessonContext context) throws Exception {
            Object monitor = new Object();
            AtomicReference<Thread> waiter = new AtomicReference<>();
            CountDownLatch holding = new CountDownLatch(1);
            boolean[] blocked = {false};
            context.say("holder takes the monitor");
            Thread holder = Thread.ofPlatform().name("holder").start(() -> {
                synchronized (monitor) {
                    holding.countDown();
                    blocked[0] = Poll.holdsWithin(Timeouts.seconds(10),
                            () -> waiter.get() != null && waiter.get().getState() == Thread.State.BLOCKED);
                    try {
                        Thread.sleep(100); // the waiter stays blocked for at least this long
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            holding.await();
            int[] entered = {0};
            context.phase("the waiter blocked on the holder's monitor", () -> {
                waiter.set(Thread.ofPlatform().name("waiter").unstarted(() -> {
                    synchronized (monitor) {
                        entered[0]++;
                    }
                }));
                waiter.get().start();
                holder.join();
                waiter.get().join();
            });
            context.say("both ended");
            return new Observations().put("blocked_ms", 100, "at least").put("waiter_blocked", blocked[0], "flag").conclude("done");
        }
    }

    @Test
    void thePageDrawsTheForcedScheduleAndTheRecordingKeepsTheNarration(@TempDir Path directory) throws Exception {
        Path page = directory.resolve("timeline.html");
        Path recording = directory.resolve("run.jfr");
        CapturedLab lab = new CapturedLab();
        int code = lab.run(Lessons.of(List.of(new MonitorHandoff())),
                "run", "monitor-handoff", "--timeline", page.toString(), "--jfr", recording.toString());
        assertThat(code).as(lab.out() + lab.err()).isZero();
        assertThat(lab.out()).contains("timeline: " + page, "flight recording: " + recording);

        String html = Files.readString(page);
        String waiterLane = lane(html, "waiter");
        assertThat(waiterLane).as("the waiter's lane").contains("class=\"blocked\"")
                .containsPattern("blocked [0-9.]+ ms entering java.lang.Object, held by holder");
        // The holder may block for a moment on a class loader's lock (a jar being read by another thread), never on the monitor.
        assertThat(lane(html, "holder")).as("the holder's lane").contains("class=\"sleeping\"").doesNotContain("entering java.lang.Object");
        assertThat(html).contains("<li>", ": holder takes the monitor</li>", ": both ended</li>").doesNotContain("src=\"http", "href=\"http", "@import");
        assertThat(html).as("the lesson's phase, a band behind the lanes").containsOnlyOnce("<g class=\"phase\">")
                .contains("<title>the waiter blocked on the holder's monitor: ");

        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertThat(events).anySatisfy(event -> {
            assertThat(event.getEventType().getName()).isEqualTo("dev.concurrencylab.NarrationLine");
            assertThat(event.getString("text")).isEqualTo("holder takes the monitor");
        });
        RecordedEvent blocked = events.stream().filter(event -> event.getEventType().getName().equals("jdk.JavaMonitorEnter")
                && "waiter".equals(event.getThread().getJavaName())).findFirst().orElseThrow();
        assertThat(events).as("the phase, around the waiter's block").anySatisfy(event -> {
            assertThat(event.getEventType().getName()).isEqualTo("dev.concurrencylab.LessonPhase");
            assertThat(event.getString("name")).isEqualTo("the waiter blocked on the holder's monitor");
            assertThat(event.getStartTime()).isBeforeOrEqualTo(blocked.getStartTime());
            assertThat(event.getEndTime()).isAfterOrEqualTo(blocked.getEndTime());
        });
    }

    @LessonCard(id = "gil-turns", place = "1.2", title = "Two threads take turns at the modelled GIL", keys = {"handoffs"})
    static final class GilTurns implements Lesson {
        @Override
        public List<Outcome> outcomes() {
            return List.of(Outcome.forbidden("no_handoff", "the GIL never changed hands", seen -> seen.number("handoffs") < 2));
        }

        @Override
        public Observations run(LessonContext context) throws Exception {
            Gil gil = new Gil(Duration.ofMillis(1));
            long deadline = System.nanoTime() + Timeouts.seconds(10).toNanos();
            // Each spins, ticking, until the GIL has changed hands twice: the second thread's wait
            // makes the first drop it, and the first's wait makes the second drop it back.
            Runnable spin = () -> {
                try {
                    gil.run(() -> {
                        while (gil.handoffs() < 2 && System.nanoTime() < deadline) {
                            gil.tick();
                        }
                        return null;
                    });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Thread first = Thread.ofPlatform().name("gil-a").start(spin);
            Thread second = Thread.ofPlatform().name("gil-b").start(spin);
            first.join();
            second.join();
            return new Observations().put("handoffs", gil.handoffs(), "count").conclude("turns taken");
        }
    }

    @Test
    void theGilModelShowsUnderTheLanesWhoHeldItWhoWaitedAndWhoDroppedIt(@TempDir Path directory) throws Exception {
        Path page = directory.resolve("gil.html");
        CapturedLab lab = new CapturedLab();
        int code = lab.run(Lessons.of(List.of(new GilTurns())), "run", "gil-turns", "--timeline", page.toString());
        assertThat(code).as(lab.out() + lab.err()).isZero();
        String html = Files.readString(page);
        String both = lane(html, "gil-a") + lane(html, "gil-b");
        assertThat(lane(html, "gil-a")).contains("class=\"gil-held\"");
        assertThat(lane(html, "gil-b")).contains("class=\"gil-held\"");
        assertThat(both).contains("class=\"gil-waiting\"", "class=\"gil-dropped\"", "and asked its holder to drop it");
    }

    @Test
    void aJdkWithoutAnEventTheTimelineDrawsGetsAPageThatSaysWhatCannotShow() {
        assertThat(TimelineRecording.notRecordable()).as("events the timeline draws that this JDK %s lacks",
                Runtime.version()).isEmpty(); // every JDK 21+ has them all (JDK 17 has no jdk.VirtualThreadPinned)
        Timeline nothing = new Timeline(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), List.of(), 0, List.of(), List.of());
        assertThat(TimelinePage.html(nothing, "h", "s", List.of("jdk.VirtualThreadPinned", "jdk.SocketRead")))
                .contains("<strong>Not shown:</strong> the JDK that ran has no jdk.VirtualThreadPinned, jdk.SocketRead events, "
                        + "so no lane can show pinned, reading stretches.");
        assertThat(TimelinePage.html(nothing, "h", "s")).doesNotContain("Not shown");
    }

    /** The SVG of one lane: from its label to the next lane's label (or the end of the drawing). */
    private static String lane(String html, String name) {
        int start = html.indexOf(">" + name + "</text>");
        assertThat(start).as("a lane labelled " + name).isPositive();
        int next = html.indexOf("text-anchor=\"end\"", start);
        return html.substring(start, next < 0 ? html.indexOf("</svg>") : next);
    }
}
