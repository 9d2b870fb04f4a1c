package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Curriculum;
import dev.concurrencylab.lab.JarLauncher.Run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static dev.concurrencylab.lab.JarLauncher.JAR;
import static dev.concurrencylab.lab.JarLauncher.launch;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run the way a reader runs it: every lesson is in it and answers in JSON. */
class LauncherIT {

    @Test
    void listsTheLessonsInCurriculumOrder() {
        Run run = launch("list");
        assertThat(run.code()).isZero();
        assertThat(run.stdout().lines().map(line -> line.split(" ")[0]).toList())
                .isSubsetOf(Curriculum.ORDER)
                .contains("thread-basics", "gil");
    }

    @Test
    void everyLessonRunsQuickAndAnswersInJson() throws Exception {
        for (String id : launch("list").stdout().lines().map(line -> line.split(" ")[0]).toList()) {
            Run run = launch("run", id, "--quick", "--json");
            assertThat(run.code()).as(id + " exit code; stderr: " + run.stderr()).isZero();
            JsonNode json = new ObjectMapper().readTree(run.stdout());
            assertThat(json.get("lesson").asText()).isEqualTo(id);
            assertThat(json.get("observations").size()).as(id + " observations").isPositive();
        }
    }

    @Test
    void anUnknownLessonIsOneLineAndExitCodeTwo() {
        Run run = launch("run", "nope");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr().strip().lines()).singleElement().asString().contains("no lesson 'nope'");
    }

    @Test
    void theJarNamesItsVersion() {
        Run run = launch("--version");
        assertThat(run.code()).isZero();
        assertThat(run.stdout()).startsWith("concurrency-lab 0.1.0");
        assertThat(Files.isRegularFile(JAR)).isTrue();
    }
}
