package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exploration;
import dev.concurrencylab.exercises.Grading;
import dev.concurrencylab.exercises.Grading.Grade;
import dev.concurrencylab.exercises.wrong.InterleavingWrongAnswers;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wrong answers whose bug needs one particular interleaving, each graded five times and
 * rejected five times: a grader that catches such a bug only when the machine happens to
 * interleave badly gives no grade. A soak (1.5 min on 2 cores), so {@code ./mvnw verify} leaves it
 * to the {@code graders-soak} profile, which CI runs; verify grades each of them once in
 * {@link GradersAreHonestTest}.
 */
class InterleavingBugsAreRejectedTest {

    /**
     * Wrong answers that the explored check rejects every time, though no schedule forced by hand
     * shows their bug: the checks that run many threads at once catch them only when the machine
     * happens to interleave them badly, which is not a grade.
     */
    static final Set<Class<?>> EXPLORATION_FINDS = Set.of(InterleavingWrongAnswers.TestThenSetTally.class,
            InterleavingWrongAnswers.LookThenWaitEvent.class, InterleavingWrongAnswers.OneConditionSignal.class);

    private static final int GRADINGS = 5;

    static Stream<Arguments> interleavingWrongAnswers() {
        return GradersAreHonestTest.wrongAnswers(true);
    }

    @ParameterizedTest(name = "{0}: the wrong answer {1} fails five times in five")
    @MethodSource("interleavingWrongAnswers")
    void aWrongAnswerFailsEveryTime(Exercise exercise, String name, Class<?> wrong) {
        boolean explored = EXPLORATION_FINDS.contains(wrong);
        if (explored) {
            Optional<String> unavailable = Exploration.unavailable();
            Assumptions.assumeTrue(unavailable.isEmpty(), () -> "the explored checks cannot run here: " + unavailable.orElse(""));
        }
        for (int i = 1; i <= GRADINGS; i++) {
            Grade grade = Grading.grade(exercise, wrong.getName());
            String report = GradersAreHonestTest.report(grade);
            System.out.printf("%s %s, grading %d of %d:%s%n", exercise.number(), name, i, GRADINGS, report);
            assertThat(grade.state()).as("%s %s, grading %d of %d%s", exercise.number(), name, i, GRADINGS, report)
                    .isEqualTo(Grading.State.FAILING);
            if (explored) {
                assertThat(grade.checks()).as("%s %s: the explored check fails%s", exercise.number(), name, report)
                        .anySatisfy(check -> {
                            assertThat(check.name()).startsWith("explored:");
                            assertThat(check.passed()).isFalse();
                        });
            }
        }
    }
}
