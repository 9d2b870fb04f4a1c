package dev.concurrencylab.core.lesson;

/**
 * What a lesson does when it runs, apart from what it declares: the part of a lesson compiled
 * only for a newer JDK implements this, and its release-21 {@link Lesson} runs it through a
 * {@link NewerJdkPart}.
 */
@FunctionalInterface
public interface LessonBody {

    /** As {@link Lesson#run}. */
    Observations run(LessonContext context) throws Exception;
}
