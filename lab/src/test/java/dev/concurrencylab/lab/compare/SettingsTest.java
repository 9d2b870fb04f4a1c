package dev.concurrencylab.lab.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @Test
    void workerCountsDoubleUpToTheLargestAndEndOnIt() {
        assertThat(Settings.workerCounts(1)).containsExactly(1);
        assertThat(Settings.workerCounts(4)).containsExactly(1, 2, 4);
        assertThat(Settings.workerCounts(12)).containsExactly(1, 2, 4, 8, 12);
    }

    @Test
    void theDefaultGoesToTwiceTheCores() {
        Settings settings = Settings.of(true, null, null, false, 3);
        assertThat(settings.workerCounts()).isEqualTo(List.of(1, 2, 4, 6));
        assertThat(settings.rounds()).isEqualTo(3);
        assertThat(Settings.of(false, null, null, false, 3).rounds()).isEqualTo(5);
        assertThat(Settings.of(false, null, null, false, 3).cpuWork()).isGreaterThan(settings.cpuWork());
    }

    @Test
    void nonsenseIsRefusedWithTheOptionsName() {
        assertThatThrownBy(() -> Settings.of(true, null, 0, false, 2)).hasMessageContaining("--max-workers");
        assertThatThrownBy(() -> Settings.of(true, 0, null, false, 2)).hasMessageContaining("--rounds");
    }

    @Test
    void evenRoundsMeasureTheCountsInReverse() {
        Settings settings = Settings.of(true, null, 4, false, 2);
        assertThat(settings.workerCountsForRound(1)).containsExactly(1, 2, 4);
        assertThat(settings.workerCountsForRound(2)).containsExactly(4, 2, 1);
        assertThat(settings.workerCountsForRound(3)).containsExactly(1, 2, 4);
    }
}
