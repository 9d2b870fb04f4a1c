package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.exercises.Exercise;
import dev.concurrencylab.exercises.Exercises;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What a classroom's tools read agrees with what {@code check --json} says, and the workflow with the points. */
class CourseworkTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        return ConcurrencyLab.execute(new ConcurrencyLab(Lessons.discover(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), args);
    }

    /** One check --all for both: each exercise is graded in a JVM of its own, which is not free. */
    @Test
    void checkAllInJsonIsOneObjectForAnAutograderAndJUnitAndGradescopeSayTheSame(@TempDir Path directory) throws Exception {
        Path junit = directory.resolve("junit");
        Path results = directory.resolve("results.json");
        assertThat(run("check", "--all", "--json", "--junit", junit.toString(), "--gradescope", results.toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("graded").asInt()).isEqualTo(12);
        assertThat(json.get("passing").asInt()).isZero();
        assertThat(json.get("exercises").findValuesAsText("state")).hasSize(12).containsOnly("not started");
        assertThat(json.get("exercises").get(0).get("checks").get(0).get("observed").asText()).startsWith("not started");
        JsonNode gradescope = new ObjectMapper().readTree(results.toFile());
        int checks = 0;
        double maxScore = 0;
        for (JsonNode exercise : json.get("exercises")) {
            String number = exercise.get("number").asText();
            Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(junit.resolve("TEST-exercise-" + number + ".xml").toFile()).getDocumentElement();
            int failed = 0;
            for (JsonNode check : exercise.get("checks")) {
                failed += check.get("passed").asBoolean() ? 0 : 1;
            }
            assertThat(Integer.parseInt(suite.getAttribute("tests"))).as(number).isEqualTo(exercise.get("checks").size());
            assertThat(Integer.parseInt(suite.getAttribute("failures"))).as(number).isEqualTo(failed);
            assertThat(suite.getElementsByTagName("testcase").getLength()).as(number).isEqualTo(exercise.get("checks").size());
            checks += exercise.get("checks").size();
        }
        for (JsonNode test : gradescope.get("tests")) {
            maxScore += test.get("max_score").asDouble();
            assertThat(test.get("visibility").asText()).isEqualTo("visible");
            assertThat(test.get("score").asDouble()).isZero(); // every exercise is untouched here
        }
        assertThat(gradescope.get("tests")).hasSize(checks);
        assertThat(gradescope.get("score").asDouble()).isZero();
        assertThat(maxScore).isCloseTo(Exercises.all().stream().mapToInt(Exercise::points).sum(), org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void theClassroomWorkflowHandedOutIsTheOneWrittenFromThePoints() throws Exception {
        // The module's tests run in lab/; the workflow a fork carries lives beside the exercises.
        Path committed = Path.of("..", "exercises", "classroom.yml");
        assertThat(Files.readString(committed)).as("exercises/classroom.yml; rewrite it with "
                + "./concurrency-lab exercises --classroom-workflow exercises/classroom.yml").isEqualTo(Coursework.classroomWorkflow());
        for (Exercise exercise : Exercises.all()) {
            assertThat(Coursework.classroomWorkflow()).contains("command: ./concurrency-lab check " + exercise.number(),
                    "max-score: " + exercise.points());
        }
    }
}
