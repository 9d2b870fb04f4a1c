package dev.concurrencylab.ipc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitedLogTest {

    @Test
    void oneLinePerIntervalAndTheNextOneCountsWhatWasLeftOut() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        RateLimitedLog log = new RateLimitedLog(lines::add, Duration.ofSeconds(1), 1, "failed accepts", () -> now[0]);
        for (int i = 0; i < 1_000_000; i++) {
            log.log("accept failed");
            now[0] += 1_000; // a million failures in one second
        }
        now[0] = Duration.ofSeconds(2).toNanos();
        log.log("accept failed");
        assertThat(lines).containsExactly("accept failed", "accept failed (and 999999 more like it not written before it)");
    }

    @Test
    void aBurstPastItsLinesIsCountedAndSummedUpOnceItsIntervalIsOver() {
        List<String> lines = new ArrayList<>();
        long[] now = {0};
        RateLimitedLog log = new RateLimitedLog(lines::add, Duration.ofSeconds(1), 3, "dropped clients", () -> now[0]);
        for (int i = 1; i <= 500; i++) {
            log.log("dropped client #" + i);
            now[0] += 1_000_000; // 500 in half a second
        }
        log.flush();
        assertThat(lines).as("within the interval, nothing to sum up yet").containsExactly("dropped client #1", "dropped client #2",
                "dropped client #3");
        now[0] = Duration.ofMillis(1_500).toNanos();
        log.flush();
        log.flush();
        assertThat(lines).hasSize(4).last().isEqualTo("497 more dropped clients in the last 1500 ms, not written one by one");
    }
}
