package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.TextTable;
import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Grading;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code concurrency-lab exercises}: every exercise, its file, and where it stands (each graded now). */
@Command(name = "exercises", mixinStandardHelpOptions = true,
        description = "List the exercises with their state (not started, failing, passing); 'check NN' says why.")
final class ExercisesCommand implements Runnable {

    @ParentCommand
    private ConcurrencyLab lab;

    @Option(names = "--classroom-workflow", paramLabel = "FILE",
            description = "write the GitHub Classroom workflow (a step per exercise, with its points) to FILE instead")
    private Path classroomWorkflow;

    @Override
    public void run() {
        if (classroomWorkflow != null) {
            try {
                Files.writeString(classroomWorkflow, Coursework.classroomWorkflow(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + classroomWorkflow + ": " + e.getMessage(), e);
            }
            lab.out.println("wrote " + classroomWorkflow);
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("no.", "exercise", "chapter", "lesson", "points", "state", "file"));
        lab.err.print("grading " + Exercises.all().size() + " exercises...\r");
        for (Grading.Grade grade : GradingChild.gradeAll(Exercises.all(), graded -> lab.err.print("graded " + graded.exercise().number() + "...\r"))) {
            Exercise exercise = grade.exercise();
            rows.add(List.of(exercise.number(), exercise.title(), exercise.chapter(), exercise.lesson(), String.valueOf(exercise.points()), state(grade),
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
