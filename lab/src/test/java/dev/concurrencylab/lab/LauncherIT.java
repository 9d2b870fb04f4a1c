package dev.concurrencylab.lab;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.lesson.Curriculum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run the way a reader runs it: every lesson is in it and answers in JSON. */
class LauncherIT {

    private static final Path JAR = Path.of(System.getProperty("concurrencylab.jar", "target/concurrency-lab.jar"));

    private record Run(int code, String stdout, String stderr) {}

    private static Run launch(String... args) {
        assertThat(JAR).as("the shaded jar").exists();
        try (ChildJvm lab = ChildJvm.builder(ConcurrencyLab.class).classPath(JAR.toString())
                .name("concurrency-lab").arguments(args).timeout(Timeouts.seconds(300)).start()) {
            int code = lab.waitFor(Timeouts.seconds(300));
            return new Run(code, String.join("\n", lab.stdoutLines()), lab.stderr());
        }
    }

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
