package dev.concurrencylab.lab.compare;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AmdahlTest {

    private static final double[] N = {1, 2, 4, 8};

    @Test
    void theLawAtItsEnds() {
        assertThat(Amdahl.speedup(1, 8)).isEqualTo(8);
        assertThat(Amdahl.speedup(0, 8)).isEqualTo(1);
        assertThat(Amdahl.speedup(0.5, 2)).isCloseTo(4.0 / 3, within(1e-12));
    }

    @Test
    void theFitFindsTheFractionThatMadeTheData() {
        for (double p : new double[] {0, 0.3, 0.9, 0.97, 1}) {
            double[] speedups = new double[N.length];
            for (int i = 0; i < N.length; i++) {
                speedups[i] = Amdahl.speedup(p, N[i]);
            }
            assertThat(Amdahl.fit(N, speedups)).as("p = %s", p).isCloseTo(p, within(1e-4));
        }
    }

    @Test
    void aSlowdownFitsAsNoParallelismAtAll() {
        assertThat(Amdahl.fit(N, new double[] {1, 0.95, 0.9, 0.9})).isZero();
    }

    @Test
    void mismatchedInputIsAnError() {
        assertThatThrownBy(() -> Amdahl.fit(N, new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Amdahl.fit(new double[0], new double[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
