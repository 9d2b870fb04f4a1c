package dev.concurrencylab.core.lesson;

import java.util.List;

/**
 * One chapter of the curriculum: a runnable demonstration that reports what it observed on this
 * machine.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: a module lists its lessons in
 * {@code META-INF/services/dev.concurrencylab.core.lesson.Lesson}, and the launcher and the tests
 * find them there, never through a hand-kept list. A lesson does not print tables or JSON; it
 * narrates through its {@link LessonContext} and returns {@link Observations}, and the launcher
 * decides how to show them.
 */
public interface Lesson {

    /** The stable id used on the command line, e.g. {@code thread-basics}. */
    String id();

    /** A short human title. */
    String title();

    /** The notebooks it mirrors, by their number in {@code shared/seeds}, e.g. {@code 004}. */
    List<String> mirrors();

    /**
     * Runs the lesson once.
     *
     * @throws Exception when the demonstration itself fails; the launcher reports it in one line
     */
    Observations run(LessonContext context) throws Exception;
}
