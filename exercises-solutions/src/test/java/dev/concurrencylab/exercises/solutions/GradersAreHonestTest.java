package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Exploration;
import dev.concurrencylab.exercises.Grading;
import dev.concurrencylab.exercises.Grading.Grade;
import dev.concurrencylab.exercises.wrong.InterleavingWrongAnswers;
import dev.concurrencylab.exercises.wrong.WrongAnswers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every grader is held to its word: it passes the reference solution, finds the untouched
 * skeleton not started, and fails every plausible wrong answer. A grader that passed a wrong
 * answer would tell a student a broken program is right.
 *
 * <p>Gradings run two at a time: each keeps to its own thread group (its runaways, its deadlocks)
 * and its own child JVMs, and the checks that reroute {@code wait}/{@code notify} choose one
 * grading at a time.
 */
@Execution(ExecutionMode.CONCURRENT)
class GradersAreHonestTest {

    /** The wrong answers each exercise's grader must reject. */
    static final Map<String, List<Class<?>>> WRONG = Map.ofEntries(
            Map.entry("01", List.of(WrongAnswers.UnlockedTally.class, WrongAnswers.FreshLockTally.class,
                    InterleavingWrongAnswers.TestThenSetTally.class)),
            Map.entry("02", List.of(WrongAnswers.EventWithoutNotify.class, WrongAnswers.ClearDoesNothingEvent.class,
                    InterleavingWrongAnswers.LookThenWaitEvent.class)),
            Map.entry("03", List.of(WrongAnswers.PutNeverWaits.class, InterleavingWrongAnswers.IfInsteadOfWhile.class,
                    InterleavingWrongAnswers.OneConditionSignal.class, InterleavingWrongAnswers.NotifyOnOneMonitor.class)),
            Map.entry("04", List.of(WrongAnswers.ArgumentOrderLocks.class, WrongAnswers.BalanceOrderLocks.class,
                    WrongAnswers.GivesUpWhenBusy.class)),
            Map.entry("05", List.of(WrongAnswers.OnePillForAll.class, WrongAnswers.NoJoin.class,
                    InterleavingWrongAnswers.ReturnsWhenDrained.class)),
            Map.entry("06", List.of(WrongAnswers.CompletionOrderMap.class, WrongAnswers.SwallowingMap.class,
                    WrongAnswers.ThreadPerInputMap.class)),
            Map.entry("07", List.of(WrongAnswers.SwallowingWorker.class, WrongAnswers.FlagClearingWorker.class,
                    InterleavingWrongAnswers.ChecksFlagSwallowsException.class)),
            Map.entry("08", List.of(WrongAnswers.ThreadNotProcess.class)),
            Map.entry("09", List.of(WrongAnswers.RootOnly.class, WrongAnswers.ChildrenOnly.class)),
            Map.entry("10", List.of(WrongAnswers.SingleReads.class)),
            Map.entry("11", List.of(WrongAnswers.UncheckedSeal.class)),
            Map.entry("12", List.of(WrongAnswers.ReadThenWrite.class)));

    static Stream<Exercise> exercises() {
        return Exercises.all().stream();
    }

    /**
     * Every wrong answer, graded once. Those whose bug needs one particular interleaving are also
     * graded five times each by {@link InterleavingBugsAreRejectedTest}, a soak behind the
     * {@code graders-soak} profile that CI runs.
     */
    static Stream<Arguments> wrongAnswers() {
        return Stream.concat(wrongAnswers(false), wrongAnswers(true));
    }

    static Stream<Arguments> wrongAnswers(boolean interleaving) {
        return Exercises.all().stream().flatMap(exercise -> WRONG.getOrDefault(exercise.number(), List.of()).stream()
                .filter(wrong -> (wrong.getEnclosingClass() == InterleavingWrongAnswers.class) == interleaving)
                .map(wrong -> Arguments.of(exercise, wrong.getSimpleName(), wrong)));
    }

    static String report(Grade grade) {
        return grade.checks().stream().map(check -> (check.passed() ? "  passed: " : "  FAILED: ") + check.name()
                + (check.passed() ? "" : " (" + check.observed() + ")")).collect(Collectors.joining("\n", "\n", ""));
    }

    @ParameterizedTest(name = "{0}: the reference solution passes")
    @MethodSource("exercises")
    void theSolutionPasses(Exercise exercise) {
        Grade grade = Grading.grade(exercise, exercise.solution());
        assertThat(grade.checks()).as("checks run").isNotEmpty();
        assertThat(grade.state()).as("%s %s%s", exercise.number(), exercise.solution(), report(grade)).isEqualTo(Grading.State.PASSING);
    }

    @ParameterizedTest(name = "{0}: the untouched skeleton is not started")
    @MethodSource("exercises")
    void theSkeletonIsNotStarted(Exercise exercise) {
        Grade grade = Grading.grade(exercise);
        assertThat(grade.state()).as("%s %s%s", exercise.number(), exercise.skeleton().getName(), report(grade))
                .isEqualTo(Grading.State.NOT_STARTED);
    }

    @ParameterizedTest(name = "{0}: the wrong answer {1} fails")
    @MethodSource("wrongAnswers")
    void aWrongAnswerFails(Exercise exercise, String name, Class<?> wrong) {
        // Only the few whose bug no forced schedule shows need the explorer; the forced checks alone
        // must reject the rest, on any machine, with or without an explorer (and without its minutes).
        Grade grade = InterleavingBugsAreRejectedTest.EXPLORATION_FINDS.contains(wrong)
                ? Grading.grade(exercise, wrong.getName()) : Grading.forced(exercise, wrong.getName());
        System.out.printf("%s %s:%s%n", exercise.number(), name, report(grade));
        assertThat(grade.state()).as("%s %s%s", exercise.number(), name, report(grade)).isEqualTo(Grading.State.FAILING);
    }

    @Test
    void aFailingExploredCheckReplaysTheSameSchedule() {
        Assumptions.assumeTrue(Exploration.unavailable().isEmpty(), () -> "the explored checks cannot run here: "
                + Exploration.unavailable().orElse(""));
        Exercise buffer = Exercises.find("03").orElseThrow();
        String wrong = InterleavingWrongAnswers.OneConditionSignal.class.getName();
        Exploration.Explored found = Exploration.explore(buffer, wrong, Optional.empty()).get(0);
        assertThat(found.passed()).as("the explorer finds the lost signal").isFalse();
        assertThat(found.waiting()).as("where the deadlocked threads wait").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("waits in await()"));

        Exploration.Explored replayed = Exploration.explore(buffer, wrong, Optional.of(found.replay())).get(0);
        assertThat(replayed.failingSchedule()).isEqualTo(found.failingSchedule());
        assertThat(replayed.failure()).isEqualTo(found.failure());
        assertThat(replayed.trace()).as("the replayed schedule, event by event").isEqualTo(found.trace());
    }

    @Test
    void theExplorerRunsWhereTheBuildRequiresIt() {
        // CI sets CONCURRENCYLAB_REQUIRE_EXPLORER=true: there, explored checks that quietly did not run are a failure.
        Assumptions.assumeTrue(Exploration.required(), "not required here");
        assertThat(Exploration.unavailable()).as("why the explored checks cannot run").isEmpty();
    }

    @Test
    void everyExerciseHasAWrongAnswerAndASolution() {
        assertThat(WRONG.keySet()).containsExactlyInAnyOrderElementsOf(Exercises.all().stream().map(Exercise::number).toList());
        assertThat(Exercises.all()).hasSizeGreaterThanOrEqualTo(12);
        for (Exercise exercise : Exercises.all()) {
            assertThat(exercise.solution()).as(exercise.number()).satisfies(name -> Class.forName(name));
        }
    }
}
