package dev.concurrencylab.core.lesson;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a lesson is, in one block above its class: the {@link Lesson} methods {@code id()},
 * {@code title()}, {@code place()}, {@code mirrors()} and {@code keys()} read it, so that a
 * lesson's file holds its declaration once and then its teaching.
 *
 * <pre>
 * &#64;LessonCard(id = "thread-pool", place = "1.9", notebooks = "003",
 *         title = "Pool.map on threads: ...",
 *         keys = {"tasks", "results_in_order", "wall_s"})
 * public final class ThreadPoolLesson implements Lesson { ... }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LessonCard {

    /** The stable id used on the command line, e.g. {@code thread-basics}. */
    String id();

    /** Chapter and number, e.g. {@code "1.9"}: the tour's and {@code list}'s order. */
    String place();

    /** The notebooks it mirrors, by number ({@code "000"} to {@code "004"}); none for a Java-only lesson. */
    String[] notebooks() default {};

    /** A short human title. */
    String title();

    /** The observation keys every run carries. */
    String[] keys();

    /** The knobs a reader may turn with {@code run <id> -p name=value}; none by default. */
    Param[] parameters() default {};

    /** One knob: see {@link Parameter}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Param {
        String name();

        String meaning();

        String unit();

        double full();

        double quick();

        double min();

        double max();

        /** Values must be whole multiples of this (0: any value; a {@code count} takes whole numbers anyway). */
        double step() default 0;
    }
}
