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
        RateLimitedLog log = new RateLimitedLog(lines::add, Duration.ofSeconds(1), () -> now[0]);
        for (int i = 0; i < 1_000_000; i++) {
            log.log("accept failed");
            now[0] += 1_000; // a million failures in one second
        }
        now[0] = Duration.ofSeconds(2).toNanos();
        log.log("accept failed");
        assertThat(lines).containsExactly("accept failed", "accept failed (and 999999 more like it since the last line)");
    }
}
