package dev.concurrencylab.exercises;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue of exercises holds together, and every grader runs on whatever the exercise files
 * hold now, reporting a state (in a student fork: the student's progress, which is not a failure).
 * That the graders pass the solutions and reject the wrong answers is exercises-solutions' test.
 */
class ExercisesTest {

    @Test
    void twelveOrMoreNumberedInOrderEachWithItsSkeletonGraderAndLesson() {
        List<Exercise> all = Exercises.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all.stream().map(Exercise::number).toList())
                .isEqualTo(IntStream.rangeClosed(1, all.size()).mapToObj(n -> String.format("%02d", n)).toList());
        assertThat(all.stream().map(Exercise::chapter).distinct().toList()).containsExactly("threads", "processes", "ipc");
        for (Exercise exercise : all) {
            assertThat(exercise.contract().isInterface()).as(exercise.number()).isTrue();
            assertThat(exercise.contract()).as(exercise.number()).isAssignableFrom(exercise.skeleton());
            assertThat(Modifier.isPublic(exercise.grader().getModifiers())).as(exercise.number()).isTrue();
            assertThat(exercise.skeleton().getSimpleName()).startsWith("Exercise" + exercise.number());
            assertThat(Exercises.find(exercise.id())).hasValue(exercise);
            assertThat(Exercises.find(exercise.number())).hasValue(exercise);
        }
        assertThat(Exercises.find("1")).hasValue(all.getFirst());
        assertThat(Exercises.find("nope")).isEmpty();
    }

    @Test
    void everyGraderRunsOnTheFilesAsTheyAreAndReportsAState() {
        for (Exercise exercise : Exercises.all()) {
            Grading.Grade grade = Grading.grade(exercise);
            assertThat(grade.checks()).as(exercise.number() + " checks").isNotEmpty();
            System.out.printf("exercise %s %-22s %s%n", exercise.number(), exercise.id(), grade.state().words);
        }
    }
}
