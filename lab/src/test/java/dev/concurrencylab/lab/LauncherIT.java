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

import static dev.concurrencylab.lab.JarLauncher.JAR;
import static dev.concurrencylab.lab.JarLauncher.launch;
import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, run the way a reader runs it: every lesson is in it and answers in JSON. */
class LauncherIT {

    /** Every lesson of the four chapters, in the order the curriculum reads them. */
    private static final List<String> CURRICULUM = List.of(
            "thread-basics", "sleep-speedup", "cpu-speedup", "gil", "race-condition", "locks", "events",
            "thread-queue", "thread-pool", "virtual-threads", "killability", "thread-leaks", "false-sharing",
            "process-basics", "memory-isolation", "start-methods", "process-pool", "process-queue", "terminate",
            "pipes", "socket-queue", "shared-memory", "ipc-throughput",
            "cluster-basics", "cluster-queue", "cluster-counter", "cluster-executor", "member-failure");

    @Test
    void listsTheLessonsInCurriculumOrderWithTheirPlaces() {
        Run run = launch("list");
        assertThat(run.code()).isZero();
        assertThat(run.stdout().lines().map(line -> line.split(" +")[1]).toList()).isEqualTo(CURRICULUM);
        assertThat(run.stdout().lines().findFirst().orElseThrow()).startsWith("1.1   thread-basics");
    }

    @Test
    void theQuickTourInJsonIsOneObjectPerLessonWithUnitsOutcomesAndTheMachine() throws Exception {
        Run run = launch("tour", "--quick", "--json");
        assertThat(run.code()).as("exit code; stderr: " + run.stderr()).isZero();
        List<String> ids = new ArrayList<>();
        for (String line : run.stdout().lines().toList()) {
            JsonNode json = new ObjectMapper().readTree(line);
            String id = json.get("lesson").asText();
            ids.add(id);
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
        assertThat(ids).isEqualTo(CURRICULUM);
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
