package dev.concurrencylab.core.lesson;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A named stretch of a lesson's run ("racy", "with a lock"), as {@link LessonContext#phase} runs
 * it: a timeline draws it as a band across every lane. It is a flight recorder event, so when
 * nothing records, a phase costs a check of a flag.
 */
public final class LessonPhase {

    /** A phase's body that returns nothing. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    @Name("dev.concurrencylab.LessonPhase")
    @Label("Lesson phase")
    @Category("Concurrency Lab")
    @Description("A named stretch of a lesson's run, as its timeline shows it")
    @StackTrace(false)
    static final class Recorded extends Event {
        @Label("Name")
        String name;
    }

    private final Recorded event = new Recorded();

    /**
     * Loads the event class ahead of a lesson's run: the first event a JVM creates costs its
     * flight recorder's start-up (160 ms here), which a lesson timing a phase would count.
     */
    static void prepare() {
        new Recorded(); // never begun nor committed: nothing is recorded
    }

    LessonPhase(String name) {
        event.name = name;
        event.begin();
    }

    void end() {
        event.commit();
    }
}
