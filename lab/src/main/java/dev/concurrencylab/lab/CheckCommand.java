package dev.concurrencylab.lab;

import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Exploration;
import dev.concurrencylab.exercises.Grading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code concurrency-lab check NN}: grades one exercise (or {@code --all}) and says, check by
 * check, what passed and what the failing ones observed. Exit code 0 only when all that was
 * graded passes. Each exercise is graded in a JVM of its own ({@link GradingChild}). The
 * launcher script rebuilds the jar first when an exercise file changed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Grade an exercise: which checks pass, and what the failing ones observed.")
final class CheckCommand implements Callable<Integer> {

    /** Exit code when something graded did not pass. */
    static final int NOT_PASSING = 1;

    @ParentCommand
    private ConcurrencyLab lab;

    @Parameters(paramLabel = "NN", arity = "0..1", description = "the exercise: its number (01) or id (exact-tally)")
    private String wanted;

    @Option(names = "--all", description = "grade every exercise")
    private boolean all;

    @Option(names = "--json", description = "one JSON object on stdout, for an autograder")
    private boolean json;

    @Option(names = "--junit", paramLabel = "DIR", description = "also write JUnit XML, one report per exercise, into DIR")
    private Path junit;

    @Option(names = "--replay", paramLabel = "S:N",
            description = "run schedule N of explored scenario S again, alone, as a failing explored check printed it")
    private String replay;

    @Option(names = "--gradescope", paramLabel = "FILE",
            description = "also write Gradescope's results.json to FILE: each check worth its share of its exercise's points")
    private Path gradescope;

    @Override
    public Integer call() {
        List<Exercise> exercises;
        if (all == (wanted != null)) {
            lab.err.println("concurrency-lab check: name one exercise (check 01) or use --all");
            return ConcurrencyLab.USAGE;
        }
        if (all) {
            exercises = Exercises.all();
        } else {
            Optional<Exercise> exercise = Exercises.find(wanted);
            if (exercise.isEmpty()) {
                lab.err.println("concurrency-lab check: no exercise '" + wanted + "'; 'concurrency-lab exercises' lists them");
                return ConcurrencyLab.USAGE;
            }
            exercises = List.of(exercise.get());
        }
        if (replay != null) {
            return replay(exercises.get(0));
        }
        List<Grading.Grade> grades = GradingChild.gradeAll(exercises, grade -> {
            if (!json) {
                print(grade);
            }
        });
        try {
            if (junit != null) {
                Coursework.writeJUnit(junit, grades);
            }
            if (gradescope != null) {
                Coursework.writeGradescope(gradescope, grades);
            }
        } catch (IOException e) {
            lab.err.println("concurrency-lab check: cannot write the reports: " + e.getMessage());
            return ConcurrencyLab.USAGE;
        }
        long passing = grades.stream().filter(Grading.Grade::passed).count();
        if (json) {
            lab.out.println(json(grades));
        } else if (all) {
            lab.out.printf("%d of %d exercises pass.%n", passing, grades.size());
        }
        return passing == grades.size() ? 0 : NOT_PASSING;
    }

    /** {@code check NN --replay S:N}: one schedule of one explored scenario, on the student's class. */
    private int replay(Exercise exercise) {
        if (all || !replay.matches("\\d+:\\d+") || !Exploration.explores(exercise)) {
            lab.err.println("concurrency-lab check: --replay takes one exercise with explored checks ("
                    + String.join(", ", Exercises.all().stream().filter(Exploration::explores).map(Exercise::number).toList())
                    + ") and the S:N a failing explored check printed, e.g. check 03 --replay 1:135");
            return ConcurrencyLab.USAGE;
        }
        List<Exploration.Explored> explored;
        try {
            explored = Exploration.explore(exercise, exercise.skeleton().getName(), Optional.of(replay));
        } catch (Exploration.Unavailable | IllegalStateException e) {
            lab.err.println("concurrency-lab check: cannot replay: " + e.getMessage());
            return ConcurrencyLab.USAGE;
        }
        List<Grading.Check> checks = explored.stream().map(one -> Grading.check(exercise, one)).toList();
        Grading.Grade grade = new Grading.Grade(exercise, exercise.skeleton().getName(), checks);
        if (json) {
            lab.out.println(json(List.of(grade)));
        } else {
            print(grade);
        }
        return grade.passed() ? 0 : NOT_PASSING;
    }

    private void print(Grading.Grade grade) {
        Exercise exercise = grade.exercise();
        lab.out.printf("Exercise %s, %s: %s (chapter %s; lesson %s)%n  %s%n", exercise.number(), exercise.id(), exercise.title(),
                exercise.chapter(), exercise.lesson(), file(exercise));
        for (Grading.Check check : grade.checks()) {
            lab.out.printf("  %s  %s%s%n", check.passed() ? "passed" : "FAILED", check.name(),
                    check.passed() ? "" : System.lineSeparator() + "          " + check.observed());
            check.trace().forEach(line -> lab.out.printf("            %s%n", line));
        }
        if (!grade.unexplored().isEmpty()) {
            lab.out.printf("  (not explored here: %s)%n", grade.unexplored());
        }
        lab.out.printf("  => %s%n%n", ExercisesCommand.state(grade));
    }

    /** The student's file, relative to the project folder. */
    static String file(Exercise exercise) {
        return "exercises/src/main/java/" + exercise.skeleton().getName().replace('.', '/') + ".java";
    }

    static String json(List<Grading.Grade> grades) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeNumberField("graded", grades.size());
            json.writeNumberField("passing", grades.stream().filter(Grading.Grade::passed).count());
            json.writeArrayFieldStart("exercises");
            for (Grading.Grade grade : grades) {
                json.writeStartObject();
                json.writeStringField("number", grade.exercise().number());
                json.writeStringField("id", grade.exercise().id());
                json.writeStringField("state", grade.state().words);
                json.writeNumberField("points", grade.exercise().points());
                if (!grade.unexplored().isEmpty()) {
                    json.writeStringField("unexplored", grade.unexplored());
                }
                json.writeArrayFieldStart("checks");
                for (Grading.Check check : grade.checks()) {
                    json.writeStartObject();
                    json.writeStringField("name", check.name());
                    json.writeBooleanField("passed", check.passed());
                    if (!check.passed()) {
                        json.writeStringField("observed", check.observed());
                    }
                    if (!check.trace().isEmpty()) {
                        json.writeArrayFieldStart("trace");
                        for (String line : check.trace()) {
                            json.writeString(line);
                        }
                        json.writeEndArray();
                        json.writeStringField("replay", check.replay());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
