package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Outcome;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
 * must come from the run (a non-empty note). A lesson with parameters is held to its keys and
 * forbidden outcomes at the smallest and the largest value of each.
 *
 * <p>Two at a time, or alone. A lesson that makes a claim about speed runs with the machine to
 * itself: nothing else of this class runs meanwhile (a write lock on the cores). The others must
 * keep their promises on any machine, a busy one too, so they run two at a time beside each other
 * (a read lock), so that one's waiting on sleeps and child JVMs overlaps the other's. A module may
 * keep a lesson alone that is no speed claim but whose timing could still be starved
 * ({@link #alone()}). The lock is a plain read-write lock taken in the test's body, not JUnit's
 * {@code @ResourceLock}: JUnit runs the invocations of a parameterized test that holds a resource
 * lock one after another, so "beside another" never happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EveryLessonKeepsItsPromises {

    /** Keeps a speed claim's run from sharing the cores with another lesson (fair: a waiting claim is not starved). */
    private static final ReadWriteLock CORES = new ReentrantReadWriteLock(true);

    /** What a test body does, holding a lock. */
    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private static void holding(Lock lock, Body body) throws Exception {
        lock.lockInterruptibly();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** Lessons of this module that run alone although they make no claim about speed. */
    protected Set<String> alone() {
        return Set.of();
    }

    /** Found once, to sort and list the lessons; each run below gets a fresh instance. */
    private final Lessons discovered = Lessons.discover();

    private boolean runsAlone(String id) {
        return alone().contains(id) || discovered.find(id).orElseThrow().outcomes().stream().anyMatch(Outcome::isClaim);
    }

    Stream<String> lessonsThatRunAlone() {
        return lessons().filter(this::runsAlone);
    }

    Stream<String> lessonsThatRunBesideAnother() {
        return lessons().filter(id -> !runsAlone(id));
    }

    Stream<String> lessons() {
        String chapter = getClass().getPackageName();
        List<String> ids = discovered.ids().stream()
                .filter(id -> isIn(discovered.find(id).orElseThrow().getClass().getPackageName(), chapter)).toList();
        assertThat(ids).as("lessons of %s on this module's class path", chapter).isNotEmpty();
        return ids.stream();
    }

    private static boolean isIn(String lessonPackage, String chapter) {
        return lessonPackage.equals(chapter) || lessonPackage.startsWith(chapter + ".");
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("lessonsThatRunAlone")
    void keepsItsPromises(String id) throws Exception {
        holding(CORES.writeLock(), () -> keepsItsPromisesQuick(id));
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("lessonsThatRunBesideAnother")
    @Execution(ExecutionMode.CONCURRENT)
    void keepsItsPromisesBesideAnother(String id) throws Exception {
        holding(CORES.readLock(), () -> keepsItsPromisesQuick(id));
    }

    private void keepsItsPromisesQuick(String id) throws Exception {
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

    /** Each parameter of each lesson at the smallest and the largest value it allows, the others at their quick defaults. */
    Stream<Arguments> edges() {
        return lessons().flatMap(id -> discovered.find(id).orElseThrow().parameters().stream()
                .flatMap(parameter -> Stream.of(parameter.min(), parameter.max())
                        .filter(edge -> edge != parameter.quick()) // that run is the lesson's own quick run, held above
                        .map(edge -> Arguments.of(id, parameter.name(), edge))));
    }

    /**
     * No allowed value breaks a forbidden outcome or a key; a chapter may have no knobs. These
     * runs go two at a time, claims about speed among them: a forbidden outcome must hold on a
     * busy machine too, and a claim about speed is held at the lesson's own quick values, above,
     * with the cores to itself (beside another lesson, a speed figure is not the lesson's). A
     * lesson the module keeps {@link #alone()} stays alone here too.
     */
    @ParameterizedTest(name = "{0} -p {1}={2}", allowZeroInvocations = true)
    @MethodSource("edges")
    @Execution(ExecutionMode.CONCURRENT)
    void keepsItsPromisesAtTheEdgesOfItsParameters(String id, String name, double value) throws Exception {
        Lesson lesson = Lessons.discover().find(id).orElseThrow();
        assumeTrue(lesson.unavailable().isEmpty(), () -> id + " is unavailable: " + lesson.unavailable().orElseThrow());
        holding(alone().contains(id) ? CORES.writeLock() : CORES.readLock(), () -> LessonChecks.assertKeepsItsPromisesBesideAnother(
                lesson, lesson.run(LessonContext.of(lesson, true, SILENT, Map.of(name, value)))));
    }

    private static final PrintStream SILENT = new PrintStream(PrintStream.nullOutputStream());
}
