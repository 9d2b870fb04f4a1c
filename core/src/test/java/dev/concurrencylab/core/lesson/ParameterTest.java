package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterTest {

    private final Parameter padding = new Parameter("padding", "how far apart", "bytes", 128, 128, 8, 256, 8);
    private final Parameter threads = new Parameter("threads", "how many", "count", 10, 10, 1, 32);
    private final Parameter interval = new Parameter("switch_interval_ms", "how long", "ms", 5, 5, 0.5, 50);

    @Test
    void aValueOffItsStepIsRefusedInOneLineAndOneOnItIsTaken() {
        assertThat(padding.check(64)).isEqualTo(64);
        assertThatThrownBy(() -> padding.check(100)).hasMessage("padding=100: it takes multiples of 8");
        assertThat(padding.describe()).startsWith("padding (bytes, 8 to 256 in steps of 8; full 128, quick 128)");
    }

    @Test
    void aCountTakesWholeNumbersAndAnyOtherUnitAnyNumberInItsRange() {
        assertThat(threads.check(4)).isEqualTo(4);
        assertThatThrownBy(() -> threads.check(2.5)).hasMessage("threads=2.5: it takes whole numbers");
        assertThat(threads.describe()).startsWith("threads (count, 1 to 32; full 10");
        assertThat(interval.check(0.75)).isEqualTo(0.75);
    }

    @Test
    void aDeclarationWhoseDefaultsOrEdgesAreOffItsStepFailsAtOnce() {
        assertThatThrownBy(() -> new Parameter("padding", "how far apart", "bytes", 100, 128, 8, 256, 8))
                .hasMessage("padding: 100 is not a multiple of its step 8");
    }
}
