package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run <id> -p NAME=VALUE} and {@code list --params}: what ran says its values; a wrong one is one line, exit 2, nothing run. */
class LessonParametersTest {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final List<Integer> SIZES_RUN = new CopyOnWriteArrayList<>();

    @LessonCard(id = "knobbed", place = "1.1", title = "A lesson with one knob", keys = {"size"},
            parameters = @LessonCard.Param(name = "size", meaning = "how many things", unit = "count",
                    full = 5, quick = 2, min = 1, max = 10))
    static final class Knobbed implements Lesson {
        @Override
        public List<Outcome> outcomes() {
            return List.of(Outcome.forbidden("no_size", "the size was not positive", seen -> seen.number("size") < 1));
        }

        @Override
        public Observations run(LessonContext context) {
            RUNS.incrementAndGet();
            SIZES_RUN.add(context.count("size"));
            context.say("size is %d", context.count("size"));
            return new Observations().put("size", context.count("size"), "the size this run had").conclude("sized");
        }
    }

    private final CapturedLab lab = new CapturedLab();

    private int run(String... args) {
        return lab.run(Lessons.of(List.of(new Knobbed())), args);
    }

    private String out() {
        return lab.out();
    }

    private String err() {
        return lab.err();
    }

    @Test
    void aValueGivenWithPRunsAndIsSaidInTheTableAndTheJson() {
        assertThat(run("run", "knobbed", "-p", "size=7")).isZero();
        assertThat(out()).contains("parameters: size=7 (-p)", "size is 7");
        lab.forget();
        assertThat(run("run", "knobbed", "--quick", "--json")).isZero();
        assertThat(out()).containsPattern("\"parameters\" : \\{\\s*\"size\" : 2.0\\s*}");
        lab.forget();
        assertThat(run("run", "knobbed")).isZero();
        assertThat(out()).contains("parameters: size=5 (default)");
    }

    @Test
    void runHelpEndsWithThatLessonsKnobs() {
        int before = RUNS.get();
        assertThat(run("run", "knobbed", "--help")).isZero();
        assertThat(out()).contains("The knobs of knobbed:", "  -p size (count, 1 to 10; full 5, quick 2): how many things");
        assertThat(RUNS.get()).as("lessons run").isEqualTo(before);
    }

    @Test
    void aWrongNameValueOrNumberIsOneLineExitTwoAndNothingRuns() {
        int before = RUNS.get();
        assertThat(run("run", "knobbed", "-p", "sise=3")).isEqualTo(2);
        assertThat(run("run", "knobbed", "-p", "size=11")).isEqualTo(2);
        assertThat(run("run", "knobbed", "-p", "size=0.5")).isEqualTo(2);
        assertThat(run("run", "knobbed", "-p", "size=ten")).isEqualTo(2);
        assertThat(run("run", "knobbed", "-p", "size=2.5")).isEqualTo(2);
        assertThat(RUNS.get()).as("lessons run").isEqualTo(before);
        assertThat(err().lines().toList()).containsExactly(
                "concurrency-lab: knobbed has no parameter 'sise'; its parameters: size (see 'concurrency-lab list --params')",
                "concurrency-lab: size=11 is outside 1 to 10 (see 'concurrency-lab list --params')",
                "concurrency-lab: size=0.5 is outside 1 to 10 (see 'concurrency-lab list --params')",
                "concurrency-lab: size takes a number, not 'ten' (see 'concurrency-lab list --params')",
                "concurrency-lab: size=2.5: it takes whole numbers (see 'concurrency-lab list --params')");
    }

    @Test
    void aSweepTakesTheValuesInTurnsReversedEveryOtherRoundAndReportsEachValue(@TempDir Path directory) throws Exception {
        SIZES_RUN.clear();
        assertThat(run("sweep", "knobbed", "-p", "size=1,3,9", "--rounds", "3", "--out", directory.toString())).as(err()).isZero();
        assertThat(SIZES_RUN).containsExactly(1, 3, 9, 9, 3, 1, 1, 3, 9);
        assertThat(out()).contains("== sweep knobbed over size = 1, 3, 9, 3 rounds", "size=1", "size=9")
                .containsPattern("size +count +1\\.00 \\(1\\.00–1\\.00\\) +3\\.00 \\(3\\.00–3\\.00\\) +9\\.00");
        assertThat(Files.readAllLines(directory.resolve("samples.csv"))).hasSize(1 + 9)
                .contains("knobbed,size,9,size,2,9.0");
        assertThat(Files.readString(directory.resolve("index.html"))).contains("data:image/png;base64,")
                .as("the ticks under each chart: the values swept and nothing between them").contains("alt=\"size against size at 1, 3, 9\"");
        assertThat(directory.resolve("size.png")).isNotEmptyFile();
        assertThat(Files.readString(directory.resolve("results.json"))).contains("\"parameter\" : \"size\"");
    }

    @Test
    void aSweepRefusesWhatItCannotRunInOneLine() {
        int before = RUNS.get();
        assertThat(run("sweep", "knobbed", "-p", "size=3")).isEqualTo(2);
        assertThat(run("sweep", "knobbed", "-p", "size=3,30")).isEqualTo(2);
        assertThat(run("sweep", "knobbed", "-p", "size=3,x")).isEqualTo(2);
        assertThat(RUNS.get()).as("lessons run").isEqualTo(before);
        assertThat(run("sweep", "knobbed", "-p", "size=1,2", "--rounds", "1", "--key", "sise")).isEqualTo(2);
        assertThat(err().lines().filter(line -> line.startsWith("concurrency-lab:")).toList()).containsExactly(
                "concurrency-lab: give the values to sweep, as -p NAME=V1,V2,... (see 'concurrency-lab list --params')",
                "concurrency-lab: size=30 is outside 1 to 10 (see 'concurrency-lab list --params')",
                "concurrency-lab: size takes numbers, not 'x' (see 'concurrency-lab list --params')",
                "concurrency-lab: knobbed observed no number named sise; its numbers: size");
    }

    @Test
    void listWithParamsShowsEachKnobWithItsRangeAndDefaults() {
        assertThat(run("list", "--params")).isZero();
        assertThat(out()).contains("      -p size (count, 1 to 10; full 5, quick 2): how many things");
    }
}
