package dev.concurrencylab.lab.timeline;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every thread did, when, from a flight recording: a lane per thread name (a lesson that
 * starts "worker-1" in every round gets one lane for them all, and unnamed virtual threads share
 * one), each a list of spans
 * (running, parked, blocked on a monitor, waiting, sleeping, pinned, reading), and the lesson's narration
 * lines as marks and its phases ({@code LessonContext.phase}) as bands, on the same clock.
 *
 * @param lanesLeftOut lanes (thread names) with events that were not drawn, past {@code maxLanes}
 */
public record Timeline(Instant start, Instant end, List<Lane> lanes, int lanesLeftOut, List<Mark> marks, List<Phase> phases) {

    /** What a thread was doing during a span, and how the page names it. */
    public enum State {
        RUNNING("running (CPU samples, every 10 ms)"),
        PARKED("parked (a j.u.c. lock, a queue, a latch, a virtual thread waiting)"),
        BLOCKED("blocked entering a synchronized monitor"),
        WAITING("waiting in Object.wait"),
        SLEEPING("sleeping"),
        PINNED("a virtual thread pinned to its carrier"),
        READING("reading a pipe, file or socket: waiting for input (a worker waiting for its next chunk)"),
        GIL_HELD("holds the GIL (the lessons' GIL model: the strip under the lane)"),
        GIL_WAITING("waits for the GIL"),
        GIL_DROPPED("dropped the GIL when asked, and waits for another thread to take it");

        final String meaning;

        State(String meaning) {
            this.meaning = meaning;
        }

        /** The GIL model's states: drawn as a strip under the lane, beside what the thread was doing. */
        boolean ofTheGil() {
            return name().startsWith("GIL_");
        }
    }

    /** One stretch of one state; {@code detail} is what the page shows on hover. */
    public record Span(State state, Instant start, Instant end, String detail) {}

    /** One row: a thread name, whether its threads are virtual, how many threads it stands for, and their spans in time order. */
    public record Lane(String name, boolean virtual, Set<Long> threadIds, List<Span> spans) {}

    /** A line of narration, at the moment it was said. */
    public record Mark(Instant at, String text) {}

    /** A named stretch of the lesson's run, from the moment it began to the moment it ended. */
    public record Phase(String name, Instant start, Instant end) {}

    /** How long a CPU sample stands for on the page: the sampling period. */
    static final Duration SAMPLE = Duration.ofMillis(10);

    /** The timeline of {@code events}, with at most {@code maxLanes} lanes, the threads seen first first. */
    public static Timeline of(List<RecordedEvent> events, int maxLanes) {
        return of(events, List.of(), maxLanes);
    }

    /**
     * The same with the child JVMs' recordings: their lanes come after this JVM's, named by the
     * child and its pid ("pool-worker-1 (pid 4242): main"), on the same clock: every JVM stamps
     * its events with the operating system's wall clock.
     */
    public static Timeline of(List<RecordedEvent> events, List<TimelineRecording.ChildRecording> children, int maxLanes) {
        Map<String, Lane> lanes = new LinkedHashMap<>();
        List<Mark> marks = new ArrayList<>();
        add(events, "", lanes, marks);
        List<Phase> phases = events.stream().filter(event -> event.getEventType().getName().equals("dev.concurrencylab.LessonPhase"))
                .map(event -> new Phase(event.getString("name"), event.getStartTime(), event.getEndTime()))
                .sorted(Comparator.comparing(Phase::start)).toList();
        for (TimelineRecording.ChildRecording child : children) {
            add(child.events(), child.name() + " (pid " + child.pid() + "): ", lanes, marks);
        }
        List<RecordedEvent> all = new ArrayList<>(events);
        children.forEach(child -> all.addAll(child.events()));
        Instant start = all.stream().map(RecordedEvent::getStartTime).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant end = all.stream().map(RecordedEvent::getEndTime).max(Comparator.naturalOrder()).orElse(start);
        List<Lane> drawn = lanes.values().stream().limit(maxLanes).toList();
        return new Timeline(start, end, drawn, lanes.size() - drawn.size(), marks, phases);
    }

    /** Adds one JVM's events to {@code lanes} (each named {@code process} + the thread's name) and {@code marks}. */
    private static void add(List<RecordedEvent> events, String process, Map<String, Lane> lanes, List<Mark> marks) {
        List<RecordedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(RecordedEvent::getStartTime));
        for (RecordedEvent event : sorted) {
            String type = event.getEventType().getName();
            if (type.equals("dev.concurrencylab.NarrationLine")) {
                marks.add(new Mark(event.getStartTime(), event.getString("text")));
                continue;
            }
            RecordedThread thread = type.equals("jdk.ExecutionSample") ? event.getThread("sampledThread") : event.getThread();
            if (thread == null || type.equals("jdk.ThreadStart") || type.equals("jdk.ThreadEnd") || isTheRecorders(thread)) {
                continue; // lanes begin with what a thread did; the recorder's and the load sampler's threads are not the lesson's
            }
            Span span = span(type, event);
            if (span == null) {
                continue;
            }
            Lane lane = lanes.computeIfAbsent(process + name(thread),
                    name -> new Lane(name, thread.isVirtual(), new HashSet<>(), new ArrayList<>()));
            lane.threadIds().add(thread.getJavaThreadId());
            lane.spans().add(span);
        }
    }

    private static boolean isTheRecorders(RecordedThread thread) {
        String name = thread.getJavaName();
        return name != null && (name.startsWith("JFR ") || name.equals("cpu-contention"));
    }

    private static String name(RecordedThread thread) {
        String name = thread.getJavaName();
        return name == null || name.isEmpty() ? (thread.isVirtual() ? "unnamed virtual threads" : "unnamed threads") : name;
    }

    /** The state a lane shows from an event of type {@code type}; null for an event drawn otherwise, or not at all. */
    public static State stateOf(String type) {
        return switch (type) {
            case "jdk.ExecutionSample" -> State.RUNNING;
            case "jdk.ThreadPark" -> State.PARKED;
            case "jdk.JavaMonitorEnter" -> State.BLOCKED;
            case "jdk.JavaMonitorWait" -> State.WAITING;
            case "jdk.ThreadSleep" -> State.SLEEPING;
            case "jdk.VirtualThreadPinned" -> State.PINNED;
            case "jdk.FileRead", "jdk.SocketRead" -> State.READING;
            case "dev.concurrencylab.GilHeld" -> State.GIL_HELD;
            case "dev.concurrencylab.GilWait" -> State.GIL_WAITING;
            case "dev.concurrencylab.GilDrop" -> State.GIL_DROPPED;
            default -> null;
        };
    }

    private static Span span(String type, RecordedEvent event) {
        State state = stateOf(type);
        if (state == null) {
            return null;
        }
        Instant from = event.getStartTime();
        String took = millis(event.getDuration());
        String detail = switch (state) {
            case RUNNING -> "running: a CPU sample";
            case PARKED -> "parked " + took + classPart(event, "parkedClass", " on ");
            case BLOCKED -> "blocked " + took + classPart(event, "monitorClass", " entering ") + threadPart(event, "previousOwner", ", held by ");
            case WAITING -> "waiting " + took + classPart(event, "monitorClass", " in wait() on ")
                    + (event.hasField("timedOut") && event.getBoolean("timedOut") ? ", timed out" : threadPart(event, "notifier", ", notified by "));
            case SLEEPING -> "sleeping " + took;
            case PINNED -> "pinned to its carrier " + took;
            case READING -> "reading " + took + (event.hasField("bytesRead") ? ", " + event.getLong("bytesRead") + " bytes" : "")
                    + (event.hasField("path") && event.getString("path") != null ? " from " + event.getString("path") : "");
            case GIL_HELD -> "held the GIL " + took;
            case GIL_WAITING -> "waited " + took + " for the GIL" + (event.getBoolean("dropRequested") ? ", and asked its holder to drop it" : "");
            case GIL_DROPPED -> "dropped the GIL on request, then waited " + took + " for another thread to take it";
        };
        // A CPU sample stands for its sampling period; every other event for its own duration.
        return new Span(state, from, state == State.RUNNING ? from.plus(SAMPLE) : event.getEndTime(), detail);
    }

    private static String classPart(RecordedEvent event, String field, String before) {
        RecordedClass type = event.hasField(field) ? event.getClass(field) : null;
        return type == null ? "" : before + type.getName();
    }

    private static String threadPart(RecordedEvent event, String field, String before) {
        RecordedThread thread = event.hasField(field) ? event.getThread(field) : null;
        return thread == null ? "" : before + name(thread);
    }

    static String millis(Duration duration) {
        double ms = duration.toNanos() / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.3f ms", ms);
    }

    /** The timeline's length. */
    public Duration length() {
        return Duration.between(start, end);
    }
}
