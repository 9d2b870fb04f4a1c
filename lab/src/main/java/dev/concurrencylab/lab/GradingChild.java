package dev.concurrencylab.lab;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmBuilder;
import dev.concurrencylab.core.child.ChildJvmException;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.child.StartupArchive;
import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Grading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grading one exercise in a JVM of its own: a thread the student's code leaves running (a worker
 * that ignores its interrupt, a spinning loop) ends with that JVM, before the next exercise is
 * graded. The child prints the grade as {@code check --json} does, and exits.
 */
final class GradingChild {

    /** Longer than any grader needs (each check is bounded by JUnit's timeout); past it the child is destroyed. */
    static final Duration BOUND = Timeouts.seconds(600);

    private GradingChild() {}

    /** In the child: grades the exercise named by {@code args[0]} and prints the grade as JSON. */
    public static void main(String[] args) {
        ChildSide.exitWhenParentDies();
        Exercise exercise = Exercises.find(args[0]).orElseThrow(() -> new IllegalArgumentException("no exercise " + args[0]));
        System.out.println(CheckCommand.json(List.of(Grading.grade(exercise))));
        System.out.flush();
        System.exit(0); // whatever the student's code left running ends here
    }

    /**
     * Grading JVMs at once after the first: two, or one on a single core. A grading waits on the
     * student's threads much of its time, so two overlap well on two cores; more would only queue
     * for them, and each JVM (an explorer's too) takes its own memory.
     */
    static final int AT_ONCE = Math.min(2, Runtime.getRuntime().availableProcessors());

    /**
     * In the launcher: grades every exercise of {@code exercises}, each in its own child JVM, and
     * hands each grade to {@code graded} in the exercises' order as soon as it and those before
     * it are ready. The first is graded alone, since it writes the start-up archive the others
     * then map; the rest {@link #AT_ONCE} at a time.
     */
    static List<Grading.Grade> gradeAll(List<Exercise> exercises, Consumer<Grading.Grade> graded) {
        List<Grading.Grade> grades = new ArrayList<>();
        if (exercises.isEmpty()) {
            return grades;
        }
        grades.add(grade(exercises.getFirst()));
        graded.accept(grades.getFirst());
        try (ExecutorService gradings = Executors.newFixedThreadPool(AT_ONCE, Thread.ofPlatform().name("grading-", 1).factory())) {
            List<Future<Grading.Grade>> rest = exercises.subList(1, exercises.size()).stream()
                    .map(exercise -> gradings.submit(() -> grade(exercise))).toList();
            for (Future<Grading.Grade> next : rest) {
                Grading.Grade grade = next.get();
                grades.add(grade);
                graded.accept(grade);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
        }
        return grades;
    }

    /** In the launcher: grades {@code exercise} in a child JVM and reads its answer. */
    static Grading.Grade grade(Exercise exercise) {
        ChildJvmBuilder builder = ChildJvm.builder(GradingChild.class).name("grading-" + exercise.number())
                .arguments(exercise.number()).timeout(BOUND);
        // The graders load JUnit and AssertJ in every child: an AppCDS archive, made by the first, spares the rest.
        StartupArchive.options(StartupArchive.Kind.CDS, "grading").ifPresent(options -> builder.jvmOptions(options.toArray(String[]::new)));
        ChildJvm child = builder.start();
        try {
            int code = child.waitFor(BOUND);
            String answer = String.join("\n", child.stdoutLines());
            if (code != 0 || answer.isBlank()) {
                return failed(exercise, "the grading JVM exited with code " + code + " before it had graded: "
                        + child.stderr().strip().lines().reduce((first, last) -> last).orElse("no message"));
            }
            return parse(exercise, answer);
        } catch (ChildJvmException | IOException e) {
            return failed(exercise, "grading did not finish: " + e.getMessage());
        } finally {
            child.close();
        }
    }

    private static Grading.Grade failed(Exercise exercise, String why) {
        return new Grading.Grade(exercise, exercise.skeleton().getName(), List.of(new Grading.Check("grading", false, why)));
    }

    /** Reads the checks of the one exercise in a {@code check --json} object. */
    static Grading.Grade parse(Exercise exercise, String json) throws IOException {
        List<Grading.Check> checks = new ArrayList<>();
        String unexplored = "";
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("unexplored")) {
                    parser.nextToken();
                    unexplored = parser.getText();
                } else if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("checks")) {
                    parser.nextToken(); // [
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        String name = "";
                        boolean passed = false;
                        String observed = "";
                        List<String> trace = new ArrayList<>();
                        String replay = "";
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String field = parser.currentName();
                            parser.nextToken();
                            switch (field) {
                                case "name" -> name = parser.getText();
                                case "passed" -> passed = parser.getBooleanValue();
                                case "observed" -> observed = parser.getText();
                                case "replay" -> replay = parser.getText();
                                case "trace" -> {
                                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                                        trace.add(parser.getText());
                                    }
                                }
                                default -> parser.skipChildren();
                            }
                        }
                        checks.add(new Grading.Check(name, passed, observed, trace, replay));
                    }
                }
            }
        }
        if (checks.isEmpty()) {
            throw new IOException("the grading JVM's answer held no check");
        }
        return new Grading.Grade(exercise, exercise.skeleton().getName(), checks, unexplored);
    }
}
