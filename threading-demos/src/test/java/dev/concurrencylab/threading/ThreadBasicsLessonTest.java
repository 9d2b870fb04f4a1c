package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadBasicsLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new ThreadBasicsLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "threads", "sleep_s", "wall_s", "alive_after_start", "alive_after_join");
    }

    @Test
    void everyThreadWasAliveAfterStartAndNoneAfterJoin() {
        assertThat(seen.number("threads")).isEqualTo(5);
        assertThat(seen.flag("alive_after_start")).isTrue();
        assertThat(seen.flag("alive_after_join")).isFalse();
        assertThat(seen.get("names")).isEqualTo(List.of("sleeper-1", "sleeper-2", "sleeper-3", "sleeper-4", "sleeper-5"));
    }

    @Test
    void aTimedJoinDoesNotStopTheThread() {
        assertThat(seen.flag("alive_after_timed_join")).isTrue();
    }

    @Test
    void noThreadFinishedBeforeItsSleep() {
        assertThat(seen.number("wall_s")).isGreaterThanOrEqualTo(seen.number("sleep_s"));
    }

    @Test
    void aDaemonThreadLetsTheJvmExitAndAnOrdinaryOneDoesNot() {
        assertThat(seen.flag("daemon_jvm_exited")).isTrue();
        assertThat(seen.flag("non_daemon_kept_jvm_alive")).isTrue();
    }
}
