package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.lesson.Place;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyLabTest {

    /**
     * A lesson that narrates, observes one of each kind, or fails on purpose: by throwing, or, with
     * {@code forbidden}, by showing an outcome it declared forbidden.
     */
    private record StandIn(String id, int number, boolean fails, boolean forbidden) implements Lesson {
        StandIn(String id, int number, boolean fails) {
            this(id, number, fails, false);
        }

        @Override
        public String title() {
            return "stand-in " + id;
        }

        @Override
        public Place place() {
            return new Place(1, number);
        }

        @Override
        public List<String> keys() {
            return List.of("wall_s", "threads");
        }

        @Override
        public List<Outcome> outcomes() {
            return List.of(
                    Outcome.forbidden("wrong_thread_count", "not five threads", seen -> seen.number("threads") != 5),
                    Outcome.interesting("quick", "done in under 0.1 s", seen -> seen.number("wall_s") < 0.1,
                            seen -> "it took " + seen.number("wall_s") + " s"));
        }

        @Override
        public List<String> mirrors() {
            return List.of("000");
        }

        @Override
        public Observations run(LessonContext context) {
            context.say("narrating %s", id);
            if (fails) {
                throw new IllegalStateException("broken on purpose");
            }
            return new Observations()
                    .put("wall_s", 0.25, "seconds")
                    .put("threads", forbidden ? 4 : 5, "count")
                    .put("alive_after_join", false, "flag")
                    .put("names", List.of("a", "b"), "names")
                    .conclude("it worked");
        }
    }

    /** A lesson whose newer-JDK part this build lacks: the launcher must never run it. */
    private record Unavailable(String id, int number) implements Lesson {
        static final String WHY = "not in this build: its toolchain was not JDK 25";

        @Override
        public String title() {
            return "stand-in for a JDK 25 lesson";
        }

        @Override
        public Place place() {
            return new Place(1, number);
        }

        @Override
        public List<String> keys() {
            return List.of("threads");
        }

        @Override
        public List<Outcome> outcomes() {
            return List.of(Outcome.forbidden("any", "anything", seen -> true));
        }

        @Override
        public List<String> mirrors() {
            return List.of();
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.of(WHY);
        }

        @Override
        public Observations run(LessonContext context) {
            throw new AssertionError("an unavailable lesson was run");
        }
    }

    private final CapturedLab lab = new CapturedLab();

    private int run(String... args) {
        Lessons lessons = Lessons.of(List.of(new StandIn("thread-basics", 1, false), new StandIn("gil", 2, false),
                new StandIn("race-condition", 3, true), new StandIn("locks", 4, false, true)));
        return lab.run(lessons, args);
    }

    /** The launcher over one lesson that runs and one that is unavailable here. */
    private int runWithAnUnavailableLesson(String... args) {
        Lessons lessons = Lessons.of(List.of(new StandIn("thread-basics", 1, false), new Unavailable("structured-concurrency", 2)));
        return lab.run(lessons, args);
    }

    private String out() {
        return lab.out();
    }

    private String err() {
        return lab.err();
    }

    @Test
    void listShowsEveryLessonInCurriculumOrder() {
        assertThat(run("list")).isZero();
        assertThat(out().lines().map(line -> line.split(" +")[1]).toList())
                .containsExactly("thread-basics", "gil", "race-condition", "locks");
        assertThat(out().lines().map(line -> line.split(" +")[0]).toList()).containsExactly("1.1", "1.2", "1.3", "1.4");
    }

    @Test
    void anUnknownIdFailsInOneLineNamingTheClosestIds() {
        assertThat(run("run", "gill")).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err().lines()).singleElement().asString()
                .startsWith("concurrency-lab: no lesson 'gill'; closest: gil,");
    }

    @Test
    void aBadOptionIsAShortUsageError() {
        assertThat(run("run", "gil", "--fast")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--fast'").doesNotContain("at dev.");
        assertThat(err().lines()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void jsonModePrintsExactlyOneObjectOnStdout() throws Exception {
        assertThat(run("run", "gil", "--quick", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("lesson").asText()).isEqualTo("gil");
        JsonNode observations = json.get("observations");
        assertThat(observations.get("wall_s").isDouble()).isTrue();
        assertThat(observations.get("threads").isIntegralNumber()).isTrue();
        assertThat(observations.get("alive_after_join").isBoolean()).isTrue();
        assertThat(observations.get("names").isArray()).isTrue();
        assertThat(json.get("schema").get("wall_s").get("unit").asText()).isEqualTo("s");
        assertThat(json.get("schema").get("threads").get("meaning").asText()).isEqualTo("count");
        assertThat(json.get("machine").get("processors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        JsonNode quick = json.get("outcomes").get(1);
        assertThat(quick.get("expect").asText()).isEqualTo("INTERESTING");
        assertThat(quick.get("seen").asBoolean()).isFalse();
        assertThat(quick.get("why_not_seen").asText()).isEqualTo("it took 0.25 s");
        assertThat(json.get("conclusion").asText()).isEqualTo("it worked");
        assertThat(err()).contains("narrating gil");
    }

    @Test
    void theTourInJsonIsOneLinePerLessonAFailureIncluded() throws Exception {
        assertThat(run("tour", "--quick", "--json")).isEqualTo(1);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(new ObjectMapper().readTree(lines.get(2)).get("failure").asText()).contains("broken on purpose");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("lesson").asText()).isEqualTo("gil");
    }

    @Test
    void aTourOfOneChapterRunsItsLessonsAndAnUnknownChapterIsAUsageError() throws Exception {
        assertThat(run("tour", "--quick", "--json", "--chapter", "1")).isEqualTo(1); // the stand-ins are all chapter 1
        assertThat(out().lines().toList()).hasSize(4);
        assertThat(run("tour", "--quick", "--chapter", "9")).isEqualTo(2);
        assertThat(err()).contains("no chapter 9; the chapters are [1]");
    }

    @Test
    void aTourFromALessonStartsThereAndAnUnknownOneIsAUsageError() throws Exception {
        assertThat(run("tour", "--quick", "--json", "--from", "race-condition")).isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        List<String> toured = new ArrayList<>();
        for (String line : out().lines().toList()) {
            toured.add(json.readTree(line).get("lesson").asText());
        }
        assertThat(toured).containsExactly("race-condition", "locks");
        int said = err().length();
        assertThat(run("tour", "--quick", "--from", "nope")).isEqualTo(2);
        assertThat(err().substring(said).strip().lines()).singleElement().asString()
                .contains("no lesson 'nope'; the lessons are thread-basics, gil, race-condition, locks");
    }

    @Test
    void aForbiddenOutcomeFailsTheLessonAndSaysWhich() {
        assertThat(run("run", "locks")).isEqualTo(1);
        assertThat(err()).contains("lesson locks showed a FORBIDDEN outcome: wrong_thread_count (not five threads)");
        assertThat(out()).contains("SEEN: a bug");
    }

    @Test
    void anInterestingOutcomeThatDidNotShowIsNamedWithItsReason() {
        assertThat(run("run", "thread-basics")).isZero();
        assertThat(out()).contains("NOT SHOWN", "This run did not show 'quick': it took 0.25 s.");
    }

    @Test
    void tableModeShowsNarrationObservationsAndConclusion() {
        assertThat(run("run", "thread-basics")).isZero();
        assertThat(out()).contains("narrating thread-basics", "wall_s", "0.250", "alive_after_join", "a, b",
                "In short: it worked");
    }

    @Test
    void aFailingLessonIsOneLineWithoutAStackTrace() {
        assertThat(run("run", "race-condition")).isEqualTo(1);
        assertThat(err()).contains("lesson race-condition failed: IllegalStateException: broken on purpose")
                .doesNotContain("\tat ");
    }

    @Test
    void theTourRunsEveryLessonAndSummarisesEvenWhenOneFails() {
        assertThat(run("tour", "--quick")).isEqualTo(1);
        String summary = out().substring(out().indexOf("Summary"));
        assertThat(summary).contains("Not shown in this run, and why:", "gil, quick: it took 0.25 s");
        assertThat(summary).contains("thread-basics", "gil", "it worked",
                "race-condition", "FAILED: IllegalStateException: broken on purpose");
    }

    @Test
    void closestPrefersIdsContainingTheText() {
        assertThat(RunCommand.closest("race", List.of("gil", "race-condition", "locks")).getFirst())
                .isEqualTo("race-condition");
    }

    @Test
    void compareRefusesNonsenseInOneLineBeforeMeasuring() {
        assertThat(run("compare", "--max-workers", "0")).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("concurrency-lab compare: --max-workers must be between 1 and 256, not 0");
        assertThat(out()).isEmpty();
    }

    @Test
    void compareRefusesAnOutputDirectoryItCannotCreate(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "not a directory");
        assertThat(run("compare", "--quick", "--out", file.resolve("report").toString())).isEqualTo(2);
        // One line and no progress line: refused before a minute of measuring, not after it.
        assertThat(err().strip().lines()).singleElement().asString().startsWith("concurrency-lab compare: cannot create ");
    }

    @Test
    void observedRewritesEveryMarkedBlockFromARealRunAndNothingElse(@TempDir Path root) throws Exception {
        Path readme = Files.createDirectories(root.resolve("chapter")).resolve("README.md");
        Files.writeString(readme, "# Chapter\n\nkept\n<!-- observed thread-basics -->\nstale figures\n<!-- /observed -->\nkept too\n");
        assertThat(run("observed", "--quick", "--root", root.toString())).isZero();
        String after = Files.readString(readme);
        assertThat(after).startsWith("# Chapter\n\nkept\n<!-- observed thread-basics -->\n`./concurrency-lab run thread-basics --quick`, ")
                .contains("wall_s", "0.250", "NOT SHOWN", "In short: it worked")
                .doesNotContain("stale figures", "narrating")
                .endsWith("<!-- /observed -->\nkept too\n");
        assertThat(ObservedCommand.idsIn(after)).containsExactly("thread-basics");
    }

    @Test
    void observedRefusesABlockForNoLessonAndWritesNothing(@TempDir Path root) throws Exception {
        Path readme = root.resolve("README.md");
        String text = "<!-- observed thread-basics -->\nold\n<!-- /observed -->\n<!-- observed nope -->\n<!-- /observed -->\n";
        Files.writeString(readme, text);
        assertThat(run("observed", "--root", root.toString())).isEqualTo(2);
        assertThat(err()).contains("has a block for 'nope', which is no lesson");
        assertThat(Files.readString(readme)).isEqualTo(text);
    }

    @Test
    void anUnavailableLessonIsListedWithItsReasonAndRunIsExitCodeThree() throws Exception {
        assertThat(runWithAnUnavailableLesson("list")).isZero();
        assertThat(out().lines().toList().get(1)).contains("structured-concurrency").endsWith("UNAVAILABLE: " + Unavailable.WHY);
        assertThat(out().lines().toList().getFirst()).doesNotContain("UNAVAILABLE");
        lab.forget();
        assertThat(runWithAnUnavailableLesson("run", "structured-concurrency")).isEqualTo(3);
        assertThat(out()).contains("Unavailable here: " + Unavailable.WHY + ".").doesNotContain("observation");
        lab.forget();
        assertThat(runWithAnUnavailableLesson("run", "structured-concurrency", "--json")).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(out());
        assertThat(json.get("unavailable").asText()).isEqualTo(Unavailable.WHY);
        assertThat(json.has("observations")).isFalse();
        assertThat(json.has("failure")).isFalse();
    }

    @Test
    void theTourSkipsAnUnavailableLessonWithoutFailingAndSaysWhy() {
        assertThat(runWithAnUnavailableLesson("tour", "--quick")).isZero();
        assertThat(out()).contains("narrating thread-basics")
                .containsPattern("structured-concurrency +- +unavailable: " + Unavailable.WHY);
    }

    @Test
    void observedLeavesAnUnavailableLessonsBlockAsItWas(@TempDir Path root) throws Exception {
        Path readme = root.resolve("README.md");
        String block = "<!-- observed structured-concurrency -->\nfigures from a JDK 25 build\n<!-- /observed -->\n";
        Files.writeString(readme, "<!-- observed thread-basics -->\nstale\n<!-- /observed -->\n" + block);
        assertThat(runWithAnUnavailableLesson("observed", "--quick", "--root", root.toString())).isZero();
        assertThat(Files.readString(readme)).endsWith(block).doesNotContain("stale");
        assertThat(err()).contains("not running structured-concurrency, unavailable here");
    }

    @Test
    void checkSaysCheckByCheckWhatAnUntouchedExerciseDoesAndExitsOne() {
        assertThat(run("check", "01")).isEqualTo(1);
        assertThat(out()).contains("Exercise 01, exact-tally", "exercises/src/main/java/dev/concurrencylab/exercises/threads/"
                        + "Exercise01ExactTally.java", "FAILED  a second increment waits",
                "not started: it still throws UnsupportedOperationException(\"exercise 01\")", "=> not started")
                .doesNotContain("\tat ");
    }

    @Test
    void checkWithoutAnExerciseOrWithAnUnknownOneIsAUsageError() {
        assertThat(run("check")).isEqualTo(2);
        assertThat(run("check", "99")).isEqualTo(2);
        assertThat(err()).contains("name one exercise", "no exercise '99'");
    }

    @Test
    void exercisesListsEveryExerciseWithItsState() {
        assertThat(run("exercises")).isZero();
        assertThat(out().lines().filter(line -> line.contains("not started")).count()).isEqualTo(12);
        assertThat(out()).contains("Exercise12SharedCounter.java", "shared-memory");
    }

    @Test
    void valuesAreFormattedByTheirUnitAndPidsAreNotGrouped() {
        assertThat(LessonRunner.format("wall_s", 0.25)).isEqualTo("0.250");
        assertThat(LessonRunner.format("coarse_lock_m_per_s", 2197.445)).isEqualTo("2,197");
        assertThat(LessonRunner.format("msgs_per_s_pipe", 12275247.16)).isEqualTo("12,275,247");
        assertThat(LessonRunner.format("pids", List.of(18008L, 18016L))).isEqualTo("18008, 18016");
        assertThat(LessonRunner.format("process_exit_code", 137L)).isEqualTo("137");
        assertThat(LessonRunner.format("expected", 2_000_000L)).isEqualTo("2,000,000");
    }
}
