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
import dev.concurrencylab.exercises.Runaways;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Grading in JVMs of their own: a thread the student's code leaves running (a worker that ignores
 * its interrupt, a spinning loop) ends with its JVM, before the next exercise is graded. A child
 * grades the exercises it is given in turn, printing each grade as {@code check --json} does
 * followed by a line {@value #END}, and stops after a grading that left a thread behind (one a
 * grader could not end, one the student's code started and did not end: not a daemon, or still
 * running); the rest go to a fresh child. So the twelve gradings of an untouched fork take three JVMs on two
 * cores, not twelve.
 */
final class GradingChild {

    /** Longer than any grader needs (each check is bounded by JUnit's timeout); past it the child is destroyed. */
    static final Duration BOUND = Timeouts.seconds(600);

    /** The line after each grade a child prints. */
    static final String END = "-- graded";

    private GradingChild() {}

    /** In the child: grades the exercises named by {@code args}, in turn, until one leaves a thread behind. */
    public static void main(String[] args) {
        ChildSide.exitWhenParentDies();
        for (String number : args) {
            Exercise exercise = Exercises.find(number).orElseThrow(() -> new IllegalArgumentException("no exercise " + number));
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            System.out.println(CheckCommand.json(List.of(Grading.grade(exercise))));
            System.out.println(END);
            System.out.flush();
            if (Runaways.anyRunning() || leftBehind(before)) {
                break; // the next exercise deserves a JVM without this one's threads
            }
        }
        System.exit(0); // whatever the student's code left running ends here
    }

    /**
     * Whether a thread started since {@code before} is still alive and either not a daemon (a
     * pool the student's code did not shut down) or running (a loop). The JDK's own helpers are
     * daemons that wait; one that happens to be running only costs a fresh JVM.
     */
    static boolean leftBehind(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> !before.contains(thread) && thread.isAlive())
                .anyMatch(thread -> !thread.isDaemon() || thread.getState() == Thread.State.RUNNABLE);
    }

    /**
     * Grading JVMs at once after the first: two, or one on a single core. A grading waits on the
     * student's threads much of its time, so two overlap well on two cores; more would only queue
     * for them, and each JVM (an explorer's too) takes its own memory.
     */
    static final int AT_ONCE = Math.min(2, Runtime.getRuntime().availableProcessors());

    /**
     * In the launcher: grades every exercise of {@code exercises} in child JVMs and hands each
     * grade to {@code graded} in the exercises' order as soon as it and those before it are
     * ready. The first is graded alone, since its JVM writes the start-up archive the others then
     * map; the rest are split into {@link #AT_ONCE} runs of neighbours, one child JVM each.
     */
    static List<Grading.Grade> gradeAll(List<Exercise> exercises, Consumer<Grading.Grade> graded) {
        List<Grading.Grade> grades = new ArrayList<>();
        if (exercises.isEmpty()) {
            return grades;
        }
        grades.addAll(grade(exercises.subList(0, 1)));
        graded.accept(grades.getFirst());
        List<Exercise> rest = exercises.subList(1, exercises.size());
        int runLength = Math.max(1, (rest.size() + AT_ONCE - 1) / AT_ONCE);
        try (ExecutorService gradings = Executors.newFixedThreadPool(AT_ONCE, Thread.ofPlatform().name("grading-", 1).factory())) {
            List<Future<List<Grading.Grade>>> runs = new ArrayList<>();
            for (int from = 0; from < rest.size(); from += runLength) {
                List<Exercise> run = rest.subList(from, Math.min(rest.size(), from + runLength));
                runs.add(gradings.submit(() -> grade(run)));
            }
            for (Future<List<Grading.Grade>> run : runs) {
                for (Grading.Grade grade : run.get()) {
                    grades.add(grade);
                    graded.accept(grade);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("grading failed: " + e.getCause(), e.getCause());
        }
        return grades;
    }

    /** In the launcher: grades {@code exercises} in turn, in as few child JVMs as the student's threads allow. */
    static List<Grading.Grade> grade(List<Exercise> exercises) {
        List<Grading.Grade> grades = new ArrayList<>();
        while (grades.size() < exercises.size()) {
            grades.addAll(gradeInOneJvm(exercises.subList(grades.size(), exercises.size())));
        }
        return grades;
    }

    /**
     * The grades one child JVM gave, in order: at least one, since the exercise a child died on
     * (or never reached, if it gave no grade at all) is failed with what the child said.
     */
    private static List<Grading.Grade> gradeInOneJvm(List<Exercise> exercises) {
        ChildJvmBuilder builder = ChildJvm.builder(GradingChild.class).name("grading-" + exercises.getFirst().number())
                .arguments(exercises.stream().map(Exercise::number).toArray(String[]::new))
                .timeout(BOUND.multipliedBy(exercises.size()));
        // The graders load JUnit and AssertJ in every child: an AppCDS archive, made by the first, spares the rest.
        StartupArchive.options(StartupArchive.Kind.CDS, "grading").ifPresent(options -> builder.jvmOptions(options.toArray(String[]::new)));
        List<Grading.Grade> grades = new ArrayList<>();
        ChildJvm child = builder.start();
        try {
            int code = child.waitFor(BOUND.multipliedBy(exercises.size()));
            List<String> answer = new ArrayList<>();
            for (String line : child.stdoutLines()) {
                if (!line.equals(END)) {
                    answer.add(line);
                } else if (grades.size() < exercises.size()) {
                    grades.add(parse(exercises.get(grades.size()), String.join("\n", answer)));
                    answer.clear();
                }
            }
            if (grades.isEmpty() || code != 0 && grades.size() < exercises.size()) {
                grades.add(failed(exercises.get(grades.size()), "the grading JVM exited with code " + code + " before it had graded: "
                        + child.stderr().strip().lines().reduce((first, last) -> last).orElse("no message")));
            }
        } catch (ChildJvmException | IOException e) {
            grades.add(failed(exercises.get(grades.size()), "grading did not finish: " + e.getMessage()));
        } finally {
            child.close();
        }
        return grades;
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
