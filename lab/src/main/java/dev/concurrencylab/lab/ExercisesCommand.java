package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.TextTable;
import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Grading;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;

/** {@code concurrency-lab exercises}: every exercise, its file, and where it stands (each graded now). */
@Command(name = "exercises", mixinStandardHelpOptions = true,
        description = "List the exercises with their state (not started, failing, passing); 'check NN' says why.")
final class ExercisesCommand implements Runnable {

    @ParentCommand
    private ConcurrencyLab lab;

    @Override
    public void run() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("no.", "exercise", "chapter", "lesson", "state", "file"));
        for (Exercise exercise : Exercises.all()) {
            lab.err.print("grading " + exercise.number() + "...\r");
            Grading.Grade grade = Grading.grade(exercise);
            rows.add(List.of(exercise.number(), exercise.title(), exercise.chapter(), exercise.lesson(), state(grade),
                    CheckCommand.file(exercise)));
        }
        lab.err.print("            \r");
        TextTable.print(lab.out, rows);
        lab.out.println("Grade one with: ./concurrency-lab check NN   (all of them: check --all; for an autograder: --json)");
    }

    static String state(Grading.Grade grade) {
        long passed = grade.checks().stream().filter(Grading.Check::passed).count();
        return grade.state() == Grading.State.FAILING
                ? String.format("failing (%d of %d checks pass)", passed, grade.checks().size()) : grade.state().words;
    }
}
