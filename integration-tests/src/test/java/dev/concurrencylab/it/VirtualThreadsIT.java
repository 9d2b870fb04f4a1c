package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.measure.CpuContention;
import dev.concurrencylab.threading.VirtualThreadsLesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** 10 000 sleeping tasks: virtual threads wait all at once, a small pool cannot. CPU work gains nothing. */
class VirtualThreadsIT {

    @Test
    void virtualThreadsWinForWaitingAndNotForComputing() throws Exception {
        Observations seen;
        CpuContention contention = CpuContention.watch();
        try (contention) {
            seen = new VirtualThreadsLesson().run(LessonContext.silent(true));
        }
        SpeedClaims.record("VirtualThreadsIT", contention, seen);
        System.out.printf("virtual-threads: pool %.3f s, virtual %.3f s (%.1fx); CPU-bound %.2fx; %s%n",
                seen.number("platform_pool_s"), seen.number("virtual_s"), seen.number("speedup"),
                seen.number("cpu_speedup"), contention);

        // The pool has at most pool_threads sleeps in progress; virtual threads have all 10 000.
        assertThat(seen.number("speedup")).as("virtual threads vs the pool, sleeping").isGreaterThanOrEqualTo(3);

        SpeedClaims.assumeCoresFree(1.5, contention, "virtual threads do not speed up CPU-bound work");
        assertThat(seen.number("cpu_speedup")).as("virtual threads vs the pool, computing").isBetween(0.6, 1.6);
    }
}
