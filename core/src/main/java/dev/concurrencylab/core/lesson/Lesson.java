package dev.concurrencylab.core.lesson;

import java.util.Arrays;
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

    /** The stable id used on the command line, e.g. {@code thread-basics}; by default its {@link LessonCard}'s. */
    default String id() {
        return card(this).id();
    }

    /** A short human title. */
    default String title() {
        return card(this).title();
    }

    /** Its place in the curriculum: chapter and number. */
    default Place place() {
        return Place.parse(card(this).place());
    }

    /** The notebooks it mirrors, by their number ({@code 000} to {@code 004}); empty for Java-only lessons. */
    default List<String> mirrors() {
        return List.of(card(this).notebooks());
    }

    /** The observation keys every run of this lesson carries. */
    default List<String> keys() {
        return List.of(card(this).keys());
    }

    /** The knobs a reader may turn ({@code run <id> -p name=value}); by default those on its card, if it has one. */
    default List<Parameter> parameters() {
        LessonCard card = getClass().getAnnotation(LessonCard.class);
        return card == null ? List.of() : Arrays.stream(card.parameters()).map(Parameter::of).toList();
    }

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

    /** The lesson's {@link LessonCard}, which a lesson that does not override the methods above must carry. */
    private static LessonCard card(Lesson lesson) {
        LessonCard card = lesson.getClass().getAnnotation(LessonCard.class);
        if (card == null) {
            throw new IllegalStateException(lesson.getClass().getName() + " carries no @LessonCard and does not declare itself");
        }
        return card;
    }
}
