package dev.concurrencylab.core.work;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.gil.Gil;
import dev.concurrencylab.core.gil.Interpreter;
import dev.concurrencylab.core.measure.CpuTime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkTest {

    @Test
    void workloadsAreDeterministicWithOrWithoutAGil() throws Exception {
        Gil gil = new Gil();
        long free = CpuWork.countdown(1_000_000);
        long underGil = gil.run(() -> CpuWork.countdown(1_000_000, gil));
        assertThat(underGil).isEqualTo(free).isNotZero();
        assertThat(CpuWork.countdown(1_000_001)).isNotEqualTo(free);

        assertThat(MemoryWork.randomArraySum(10_000, 42, Interpreter.FREE_THREADED))
                .isEqualTo(gil.run(() -> MemoryWork.randomArraySum(10_000, 42, gil)))
                .isBetween(4_000.0, 6_000.0);
    }

    @Test
    void powersAreTheNotebooksSquaresAndCubes() {
        int[] numbers = {2, 4, 8, 9};
        assertThat(CpuWork.powers(numbers, 2, 10, Interpreter.FREE_THREADED)).containsExactly(4, 16, 64, 81);
        assertThat(CpuWork.powers(numbers, 3, 10, Interpreter.FREE_THREADED)).containsExactly(8, 64, 512, 729);
    }

    @Test
    void burnUsesAtLeastItsCpuBudget() {
        long before = CpuTime.currentThreadNanos();
        CpuWork.burn(Duration.ofMillis(30));
        assertThat(CpuTime.currentThreadNanos() - before).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
    }

    @Test
    void stepsForIsPositive() {
        assertThat(CpuWork.stepsFor(Duration.ofMillis(20))).isPositive();
    }

    @Test
    void timeoutsScaleByTheFactor() {
        String old = System.getProperty(Timeouts.FACTOR_PROPERTY);
        try {
            System.setProperty(Timeouts.FACTOR_PROPERTY, "3");
            assertThat(Timeouts.scaled(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(6));
            System.setProperty(Timeouts.FACTOR_PROPERTY, "-1");
            assertThatThrownBy(Timeouts::factor).hasMessageContaining("positive number");
            System.setProperty(Timeouts.FACTOR_PROPERTY, "fast");
            assertThatThrownBy(Timeouts::factor).hasMessageContaining("'fast'");
        } finally {
            if (old == null) {
                System.clearProperty(Timeouts.FACTOR_PROPERTY);
            } else {
                System.setProperty(Timeouts.FACTOR_PROPERTY, old);
            }
        }
    }
}
