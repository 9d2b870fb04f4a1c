package dev.concurrencylab.lab;

import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Grading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a classroom's tools read, written from one place (each exercise's points in
 * {@link Exercises}): the GitHub Classroom workflow, JUnit XML per exercise, Gradescope's
 * {@code results.json}. An exercise's points are shared equally among its checks.
 */
final class Coursework {

    private Coursework() {}

    /** The GitHub Classroom workflow: a command-grader step per exercise with its points, then the reporter. */
    static String classroomWorkflow() {
        StringBuilder yaml = new StringBuilder("""
                # GitHub Classroom autograding for the Concurrency Lab exercises: one step per exercise,
                # worth its points when all of its checks pass. Written by
                # `./concurrency-lab exercises --classroom-workflow FILE` from the points in Exercises.java;
                # build-support/StudentFork.java puts it into the fork as .github/workflows/classroom.yml.
                name: Autograding
                "on":
                  - push
                  - workflow_dispatch
                permissions:
                  checks: write
                  actions: read
                  contents: read
                jobs:
                  autograding:
                    runs-on: ubuntu-latest
                    if: github.actor != 'github-classroom[bot]'
                    env:
                      # The explored checks must run here: without them a grade would quietly miss a check.
                      CONCURRENCYLAB_REQUIRE_EXPLORER: "true"
                    steps:
                      - uses: actions/checkout@v4
                      - uses: actions/setup-java@v4
                        with:
                          distribution: temurin
                          # 25: the explored checks run the student's code on Fray's instrumented copy of a JDK 25.
                          java-version: "25"
                          cache: maven
                      - name: Build the launcher
                        run: ./mvnw -B -q -pl lab -am package -DskipTests
                """);
        for (Exercise exercise : Exercises.all()) {
            yaml.append(String.format(Locale.ROOT, """
                          - name: "%1$s %2$s"
                            id: %3$s
                            uses: classroom-resources/autograding-command-grader@v1
                            with:
                              test-name: "%1$s %2$s: %4$s"
                              command: ./concurrency-lab check %1$s
                              timeout: 10
                              max-score: %5$d
                    """, exercise.number(), exercise.id(), runner(exercise), exercise.title(), exercise.points()));
        }
        yaml.append("""
                      - name: Autograding Reporter
                        uses: classroom-resources/autograding-grading-reporter@v1
                        env:
                """);
        for (Exercise exercise : Exercises.all()) {
            yaml.append(String.format("          %s_RESULTS: \"${{steps.%s.outputs.result}}\"%n",
                    runner(exercise).toUpperCase(Locale.ROOT), runner(exercise)));
        }
        yaml.append("        with:\n          runners: ")
                .append(Exercises.all().stream().map(Coursework::runner).collect(Collectors.joining(","))).append('\n');
        return yaml.toString();
    }

    private static String runner(Exercise exercise) {
        return "exercise-" + exercise.number();
    }

    /** Each check's share of its exercise's points. */
    private static double pointsPerCheck(Grading.Grade grade) {
        return grade.checks().isEmpty() ? 0 : (double) grade.exercise().points() / grade.checks().size();
    }

    /** One JUnit XML report per exercise in {@code directory} ({@code TEST-exercise-NN.xml}), a test case per check. */
    static void writeJUnit(Path directory, List<Grading.Grade> grades) throws IOException {
        Files.createDirectories(directory);
        for (Grading.Grade grade : grades) {
            Exercise exercise = grade.exercise();
            long failed = grade.checks().stream().filter(check -> !check.passed()).count();
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            xml.append(String.format("<testsuite name=\"exercise %s %s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\">%n",
                    exercise.number(), escape(exercise.id()), grade.checks().size(), failed));
            for (Grading.Check check : grade.checks()) {
                xml.append(String.format("  <testcase classname=\"exercise%s\" name=\"%s\"", exercise.number(), escape(check.name())));
                if (check.passed()) {
                    xml.append("/>\n");
                } else {
                    xml.append(String.format(">%n    <failure message=\"%s\"/>%n  </testcase>%n", escape(check.observed())));
                }
            }
            xml.append("</testsuite>\n");
            Files.writeString(directory.resolve("TEST-exercise-" + exercise.number() + ".xml"), xml, StandardCharsets.UTF_8);
        }
    }

    /** Gradescope's results.json: a test per check, its share of the points, visible to the student. */
    static void writeGradescope(Path file, List<Grading.Grade> grades) throws IOException {
        StringWriter text = new StringWriter();
        double total = 0;
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeArrayFieldStart("tests");
            for (Grading.Grade grade : grades) {
                double share = pointsPerCheck(grade);
                for (Grading.Check check : grade.checks()) {
                    double score = check.passed() ? share : 0;
                    total += score;
                    json.writeStartObject();
                    json.writeStringField("name", grade.exercise().number() + " " + grade.exercise().id() + ": " + check.name());
                    json.writeNumberField("score", round(score));
                    json.writeNumberField("max_score", round(share));
                    json.writeStringField("status", check.passed() ? "passed" : "failed");
                    json.writeStringField("visibility", "visible");
                    if (!check.passed()) {
                        json.writeStringField("output", check.observed());
                    }
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeNumberField("score", round(total));
            json.writeStringField("visibility", "visible");
            json.writeEndObject();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private static double round(double points) {
        return Math.round(points * 100) / 100.0;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
