package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObservationsTest {

    @Test
    void keepsTheOrderOfRecording() {
        Observations observations = new Observations()
                .put("threads", 5, "threads started")
                .put("wall_s", 0.25, "seconds")
                .put("alive_after_join", false, "any alive after join")
                .put("names", List.of("t-1", "t-2"), "names");

        assertThat(observations.values()).containsExactly(
                java.util.Map.entry("threads", 5L),
                java.util.Map.entry("wall_s", 0.25),
                java.util.Map.entry("alive_after_join", false),
                java.util.Map.entry("names", List.of("t-1", "t-2")));
        assertThat(observations.number("threads")).isEqualTo(5.0);
        assertThat(observations.flag("alive_after_join")).isFalse();
    }

    @Test
    void refusesBadKeysDuplicatesAndNestedValues() {
        Observations observations = new Observations().put("wall_s", 1.0, "x");
        assertThatThrownBy(() -> observations.put("wall_s", 2.0, "x")).hasMessageContaining("already recorded");
        assertThatThrownBy(() -> observations.put("WallTime", 2.0, "x")).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> observations.put("nested", List.of(List.of(1)), "x")).hasMessageContaining("lists hold");
        assertThatThrownBy(() -> observations.get("nope")).hasMessageContaining("no observation 'nope'");
    }
}
