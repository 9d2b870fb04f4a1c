package dev.concurrencylab.core.lesson;

import java.util.List;
import java.util.Optional;

/**
 * One chapter of the curriculum: a runnable demonstration that reports what it observed on this
 * machine.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: a module lists its lessons in
 * {@code META-INF/services/dev.concurrencylab.core.lesson.Lesson}, and the launcher and the tests
 * find them there, never through a hand-kept list. A lesson does not print tables or JSON; it
 * narrates through its {@link LessonContext} and returns {@link Observations}, and the launcher
 * decides how to show them.
 *
 * <p>A lesson also declares, before it runs, what it promises: the observation {@link #keys()}
 * every run carries, and its {@link #outcomes()}: what must never be seen, and what it is about
 * but a run may not show. One test runs every lesson and holds it to both.
 */
public interface Lesson {

    /** The stable id used on the command line, e.g. {@code thread-basics}. */
    String id();

    /** A short human title. */
    String title();

    /** Its place in the curriculum: chapter and number. */
    Place place();

    /** The notebooks it mirrors, by their number ({@code 000} to {@code 004}); empty for Java-only lessons. */
    List<String> mirrors();

    /** The observation keys every run of this lesson carries. */
    List<String> keys();

    /** What a run must never show (forbidden) and what it is there to show (interesting). */
    List<Outcome> outcomes();

    /**
     * Why this lesson cannot run in this build or on this JVM, or empty when it can: a lesson with
     * a part that needs a newer JDK ({@link NewerJdkPart}) says so here, and the launcher lists
     * and skips it with this reason instead of running it.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /**
     * Runs the lesson once.
     *
     * @throws Exception when the demonstration itself fails; the launcher reports it in one line
     */
    Observations run(LessonContext context) throws Exception;
}
