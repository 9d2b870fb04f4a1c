package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A lesson's own main: --quick and -p NAME=VALUE as the launcher takes them; a wrong argument is one line and exit 2. */
class LessonMainTest {

    @LessonCard(id = "knobbed", place = "1.1", title = "A lesson with one knob", keys = {"size"},
            parameters = @LessonCard.Param(name = "size", meaning = "how many things", unit = "count",
                    full = 5, quick = 2, min = 1, max = 10))
    static final class Knobbed implements Lesson {
        int runs;

        @Override
        public List<Outcome> outcomes() {
            return List.of(Outcome.forbidden("no_size", "the size was not positive", seen -> seen.number("size") < 1));
        }

        @Override
        public Observations run(LessonContext context) {
            runs++;
            return new Observations().put("size", context.count("size"), "the size this run had").conclude("sized");
        }
    }

    private final Knobbed lesson = new Knobbed();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) throws Exception {
        return LessonMain.run(lesson, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void aKnobTurnedWithPRunsWithThatValue() throws Exception {
        assertThat(main("--quick", "-p", "size=7")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("size\\s+7\\s+count").contains("In short: sized");
        out.reset();
        assertThat(main("--quick")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("size\\s+2\\s+count");
    }

    @Test
    void aWrongArgumentNameOrValueIsOneLineExitTwoAndNothingRuns() throws Exception {
        assertThat(main("--fast")).isEqualTo(2);
        assertThat(main("-p", "sise=3")).isEqualTo(2);
        assertThat(main("-p", "size=11")).isEqualTo(2);
        assertThat(main("-p")).isEqualTo(2);
        assertThat(lesson.runs).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("unknown argument '--fast': knobbed takes --quick and -p NAME=VALUE (its parameters: size)");
        assertThat(lines.get(1)).isEqualTo("knobbed has no parameter 'sise'; its parameters: size");
        assertThat(lines.get(2)).contains("size", "10");
        assertThat(lines.get(3)).startsWith("unknown argument '-p'");
    }
}
