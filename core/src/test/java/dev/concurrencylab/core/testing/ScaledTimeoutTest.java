package dev.concurrencylab.core.testing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScaledTimeoutTest {

    @Test
    void aHungInvocationIsInterruptedAndFailsWithATimeout() {
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> ScaledTimeout.bounded("hung", Duration.ofMillis(50), () -> {
            never.await(); // unbounded on purpose: only the limit can end it
            return null;
        })).isInstanceOf(TimeoutException.class)
                .hasMessageContaining("hung timed out")
                .hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt left behind").isFalse();
    }

    @Test
    void aQuickInvocationPassesThroughUntouched() throws Throwable {
        assertThat(ScaledTimeout.<String>bounded("quick", Duration.ofSeconds(30), () -> "done")).isEqualTo("done");
    }

    @Test
    void theDumpNamesTheThreadsAndWhatTheyWaitFor() {
        assertThat(ScaledTimeout.threadDump()).contains("\"" + Thread.currentThread().getName() + "\"");
    }
}
