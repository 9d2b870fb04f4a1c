package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Outcome;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The one test every lesson answers to: run it with {@code --quick} and hold it to what it
 * declared. A module's test folder extends this class with an empty body, in the module's own
 * package, and every lesson of that package found on the class path is run (found by
 * {@link java.util.ServiceLoader}, as the launcher finds them). A chapter that depends on another
 * does not run the other's lessons again: each lesson keeps its promises once per build.
 *
 * <p>What it checks: the lesson has a place, a title and at least one forbidden outcome; every
 * key it promised is there; every observation has a unit and a meaning, and the conclusion is
 * not empty; no forbidden outcome was seen; a claim about speed ({@code Outcome.needsFreeCores})
 * showed if the run recorded a quiet machine. Any other interesting outcome that did not show is
 * not a failure (a busy machine or a lucky schedule hides it), but its reason is printed, and it
 * must come from the run (a non-empty note). A lesson with parameters is held to the same at the
 * smallest and the largest value of each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EveryLessonKeepsItsPromises {

    Stream<String> lessons() {
        String chapter = getClass().getPackageName();
        Lessons lessons = Lessons.discover();
        List<String> ids = lessons.ids().stream()
                .filter(id -> isIn(lessons.find(id).orElseThrow().getClass().getPackageName(), chapter)).toList();
        assertThat(ids).as("lessons of %s on this module's class path", chapter).isNotEmpty();
        return ids.stream();
    }

    private static boolean isIn(String lessonPackage, String chapter) {
        return lessonPackage.equals(chapter) || lessonPackage.startsWith(chapter + ".");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void keepsItsPromises(String id) throws Exception {
        Lesson lesson = Lessons.discover().find(id).orElseThrow();
        assertThat(lesson.title()).as("title").isNotBlank();
        // Only a newer-JDK lesson on a build or JVM without its JDK; a test of its module says when that may be.
        assumeTrue(lesson.unavailable().isEmpty(), () -> id + " is unavailable: " + lesson.unavailable().orElseThrow());
        assertThat(lesson.keys()).as("promised keys").isNotEmpty().doesNotHaveDuplicates();
        assertThat(lesson.outcomes()).as("declared outcomes").anyMatch(o -> o.expect() == Outcome.Expect.FORBIDDEN);
        Set<String> names = new HashSet<>();
        lesson.outcomes().forEach(o -> assertThat(names.add(o.name())).as("outcome name " + o.name() + " used twice").isTrue());

        LessonChecks.assertKeepsItsPromises(lesson, lesson.run(LessonContext.of(lesson, true, SILENT, Map.of())));
    }

    /** Each parameter of each lesson of this module at the smallest and the largest value it allows, the others at their defaults. */
    Stream<Arguments> edges() {
        Lessons lessons = Lessons.discover();
        return lessons().flatMap(id -> lessons.find(id).orElseThrow().parameters().stream()
                .flatMap(parameter -> Stream.of(Arguments.of(id, parameter.name(), parameter.min()),
                        Arguments.of(id, parameter.name(), parameter.max()))));
    }

    /** No allowed value breaks a forbidden outcome, a key, or a claim the run gave its chance; a chapter may have no knobs. */
    @ParameterizedTest(name = "{0} -p {1}={2}", allowZeroInvocations = true)
    @MethodSource("edges")
    void keepsItsPromisesAtTheEdgesOfItsParameters(String id, String name, double value) throws Exception {
        Lesson lesson = Lessons.discover().find(id).orElseThrow();
        assumeTrue(lesson.unavailable().isEmpty(), () -> id + " is unavailable: " + lesson.unavailable().orElseThrow());
        LessonContext context = LessonContext.of(lesson, true, SILENT, Map.of(name, value));
        LessonChecks.assertKeepsItsPromises(lesson, lesson.run(context));
    }

    private static final PrintStream SILENT = new PrintStream(PrintStream.nullOutputStream());
}
