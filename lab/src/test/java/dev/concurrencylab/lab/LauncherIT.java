package dev.concurrencylab.lab;

import dev.concurrencylab.lab.JarLauncher.Run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.concurrencylab.lab.JarLauncher.JAR;
import static dev.concurrencylab.lab.JarLauncher.launch;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run the way a reader runs it: every lesson is in it and answers in JSON. */
class LauncherIT {

    /** Every lesson of the four chapters, in the order the curriculum reads them. */
    private static final List<String> CURRICULUM = List.of(
            "thread-basics", "sleep-speedup", "cpu-speedup", "gil", "race-condition", "locks", "events",
            "thread-queue", "thread-pool", "virtual-threads", "killability", "thread-leaks", "false-sharing",
            "structured-concurrency", "scoped-values",
            "process-basics", "memory-isolation", "start-methods", "process-pool", "process-queue", "terminate",
            "pipes", "socket-queue", "shared-memory", "ipc-throughput", "shm-queue",
            "cluster-basics", "cluster-queue", "cluster-counter", "cluster-executor", "member-failure");

    /** The lessons on JDK 25's preview APIs: they run only where the build's toolchain was JDK 25. */
    private static final Set<String> JDK25_PREVIEW = Set.of("structured-concurrency", "scoped-values");
    private static final int TOOLCHAIN = Integer.getInteger("concurrencylab.toolchain.feature", -1);

    @Test
    void listsTheLessonsInCurriculumOrderWithTheirPlaces() {
        Run run = launch("list");
        assertThat(run.code()).isZero();
        assertThat(run.stdout().lines().map(line -> line.split(" +")[1]).toList()).isEqualTo(CURRICULUM);
        assertThat(run.stdout().lines().findFirst().orElseThrow()).startsWith("1.1   thread-basics");
        assertThat(TOOLCHAIN).as("the build passes its toolchain's release").isPositive();
        assertThat(run.stdout().lines().filter(line -> line.contains("UNAVAILABLE")).map(line -> line.split(" +")[1]))
                .as("lessons marked unavailable by a JDK %d toolchain", TOOLCHAIN)
                .containsExactlyInAnyOrderElementsOf(TOOLCHAIN == 25 ? Set.of() : JDK25_PREVIEW);
    }

    @Test
    void aJdk25LessonRunsWithAJdk25ToolchainAndIsExitCodeThreeWithItsReasonOtherwise() throws Exception {
        Run run = launch("run", "structured-concurrency", "--quick", "--json");
        JsonNode json = new ObjectMapper().readTree(run.stdout());
        if (TOOLCHAIN == 25) {
            assertThat(run.code()).as("exit code; stderr: " + run.stderr()).isZero();
            assertThat(json.get("observations").get("siblings_cancelled").asInt()).isEqualTo(4);
        } else {
            assertThat(run.code()).isEqualTo(3);
            assertThat(json.get("unavailable").asText()).startsWith("not in this build").contains("src/main/java25-preview");
        }
    }

    /**
     * The launcher's tour, through the real jar: JSON Lines, one object per lesson of the chapter,
     * in order, from the lesson asked for. The chapter's last two lessons are enough to check the
     * launcher; every lesson's own promises are held by its module's LessonsKeepTheirPromisesTest,
     * once per build.
     */
    @Test
    void theQuickTourInJsonIsOneObjectPerLessonWithUnitsOutcomesAndTheMachine() throws Exception {
        Run run = launch("tour", "--quick", "--json", "--chapter", "2", "--from", "process-queue");
        assertThat(run.code()).as("exit code; stderr: " + run.stderr()).isZero();
        List<String> ids = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode json = new ObjectMapper().readTree(line);
            String id = json.get("lesson").asText();
            ids.add(id);
            if (json.has("unavailable")) {
                assertThat(id).as("an unavailable lesson with a JDK %d toolchain", TOOLCHAIN).isIn(TOOLCHAIN == 25 ? Set.of() : JDK25_PREVIEW);
                assertThat(json.get("unavailable").asText()).startsWith("not in this build");
                continue;
            }
            assertThat(json.get("quick").asBoolean()).isTrue();
            assertThat(json.get("machine").get("processors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(json.get("observations").size()).as(id + " observations").isPositive();
            for (Iterator<Map.Entry<String, JsonNode>> keys = json.get("observations").fields(); keys.hasNext(); ) {
                String key = keys.next().getKey();
                assertThat(json.get("schema").get(key).get("unit").asText()).as(id + " unit of " + key).isNotBlank();
                assertThat(json.get("schema").get(key).get("meaning").asText()).as(id + " meaning of " + key).isNotBlank();
            }
            assertThat(json.get("outcomes").findValuesAsText("expect")).as(id + " outcomes").contains("FORBIDDEN");
            for (JsonNode outcome : json.get("outcomes")) {
                if (outcome.get("expect").asText().equals("FORBIDDEN")) {
                    assertThat(outcome.get("seen").asBoolean()).as(id + ": " + outcome).isFalse();
                }
            }
        }
        assertThat(ids).isEqualTo(CURRICULUM.subList(CURRICULUM.indexOf("process-queue"), CURRICULUM.indexOf("pipes")));
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
