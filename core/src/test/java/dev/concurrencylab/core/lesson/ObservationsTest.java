package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import dev.concurrencylab.core.measure.Load;

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

    @Test
    void theUnitFollowsFromTheKey() {
        assertThat(Observations.unitOf("wall_s", 1.0)).isEqualTo("s");
        assertThat(Observations.unitOf("launch_ms_posix_spawn", 1.0)).isEqualTo("ms");
        assertThat(Observations.unitOf("round_trip_us_pipe", 1.0)).isEqualTo("us");
        assertThat(Observations.unitOf("ring_small_cpu_ns", 1.0)).isEqualTo("ns");
        assertThat(Observations.unitOf("msgs_per_s_queue", 1.0)).isEqualTo("messages/s");
        assertThat(Observations.unitOf("mb_per_s_uds", 1.0)).isEqualTo("MB/s");
        assertThat(Observations.unitOf("atomic_m_per_s", 1.0)).isEqualTo("million/s");
        assertThat(Observations.unitOf("handoffs_per_s_at_1ms", 1.0)).isEqualTo("1/s");
        assertThat(Observations.unitOf("threads_speedup", 1.0)).isEqualTo("x");
        assertThat(Observations.unitOf("gil_parallelism", 1.0)).isEqualTo("cores");
        assertThat(Observations.unitOf("leaked_bytes_retained", 1L)).isEqualTo("bytes");
        assertThat(Observations.unitOf("alive_after_join", true)).isEqualTo("boolean");
        assertThat(Observations.unitOf("names", List.of("a"))).isEqualTo("text");
        assertThat(Observations.unitOf("received", List.of(1L))).isEqualTo("count");
        assertThat(Observations.unitOf("threads", 5L)).isEqualTo("count");
        assertThat(new Observations().put("sleep_s", 0.2, "x").list().getFirst().unit()).isEqualTo("s");
    }

    @Test
    void theLoadIsRecordedOnceWithItsThreeKeys() {
        Observations busy = new Observations().load(new Load(0.9, 2, 1.5));
        assertThat(busy.values()).containsEntry("free_cores", 0.9).containsEntry("cores_needed", 1.5)
                .containsEntry("machine_busy", true);
        assertThat(busy.load()).get().extracting(Load::reason).asString()
                .contains("0.90 of 2 cores were free");
        assertThatThrownBy(() -> busy.load(new Load(2, 2, 1.5)))
                .hasMessageContaining("already recorded");
        assertThat(new Observations().load(new Load(1.9, 2, 1.5)).flag("machine_busy")).isFalse();
        assertThat(new Load(1.0, 1, 1.5).reason()).contains("may use 1 core and");
        assertThat(new Load(0.9, 2, 1.5).busyPrefix()).isEqualTo("(busy machine: 0.90 of 2 cores free) ");
        assertThat(new Load(1.9, 2, 1.5).busyPrefix()).isEmpty();
    }

    @Test
    void anInterestingOutcomeNotSeenSaysWhyAndAForbiddenOneSeenIsAViolation() {
        Outcome lost = Outcome.needsFreeCores("speedup", "two threads beat one", seen -> seen.number("x_speedup") > 1.3,
                seen -> "the JIT was lucky");
        Outcome inexact = Outcome.forbidden("inexact", "the atomic total is wrong", seen -> seen.number("atomic") != 4);

        Observations quiet = new Observations().put("x_speedup", 1.0, "x").put("atomic", 4L, "x")
                .load(new Load(2, 2, 1.5));
        assertThat(lost.judge(quiet).missed()).isTrue();
        assertThat(lost.judge(quiet).note()).isEqualTo("the JIT was lucky");
        assertThat(inexact.judge(quiet).violated()).isFalse();

        Observations busy = new Observations().put("x_speedup", 1.0, "x").put("atomic", 3L, "x")
                .load(new Load(0.5, 2, 1.5));
        assertThat(lost.judge(busy).note()).startsWith("the machine was busy");
        assertThat(inexact.judge(busy).violated()).isTrue();
        assertThatThrownBy(() -> inexact.judge(new Observations())).hasMessageContaining("no observation 'atomic'");
    }

    @Test
    void aSpeedClaimMissedOnAQuietMachineIsBrokenAndOnABusyOneIsNotJudged() {
        Outcome claim = Outcome.needsFreeCores("speedup", "two threads beat one", seen -> seen.number("x_speedup") > 1.3,
                seen -> "something else held them back");
        Outcome hidden = Outcome.hiddenByLoad("neighbours", "neighbours are slower", seen -> seen.number("x_speedup") > 1.3,
                seen -> "the cores were not what they seemed");
        Observations quiet = new Observations().put("x_speedup", 1.0, "x").load(new Load(2, 2, 1.5));
        Observations busy = new Observations().put("x_speedup", 1.0, "x").load(new Load(0.5, 2, 1.5));
        Observations shown = new Observations().put("x_speedup", 1.9, "x").load(new Load(2, 2, 1.5));

        assertThat(claim.judge(quiet).brokenOn(quiet)).isTrue();
        assertThat(claim.judge(busy).brokenOn(busy)).isFalse();
        assertThat(claim.judge(shown).brokenOn(shown)).isFalse();
        assertThat(hidden.judge(quiet).brokenOn(quiet)).as("an effect a quiet machine may hide is never judged").isFalse();
        assertThat(hidden.judge(busy).note()).startsWith("the machine was busy");
        assertThatThrownBy(() -> new Outcome("x", Outcome.Expect.FORBIDDEN, "x", seen -> true, seen -> "", seen -> true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEffectOfOverlappingThreadsIsJudgedOnlyOnARunWhoseThreadsOverlapped() {
        Outcome lost = Outcome.needsOverlap("lost", "updates were lost", seen -> seen.number("lost") > 0, "overlap", 1.5,
                seen -> "nothing was lost");
        Observations overlapped = new Observations().put("lost", 0, "x").put("overlap", 1.9, "x");
        Observations oneAfterTheOther = new Observations().put("lost", 0, "x").put("overlap", 1.02, "x");
        Observations shown = new Observations().put("lost", 12, "x").put("overlap", 1.9, "x");

        assertThat(lost.judge(overlapped).brokenOn(overlapped)).isTrue();
        assertThat(lost.judge(overlapped).note()).isEqualTo("nothing was lost");
        assertThat(lost.judge(oneAfterTheOther).brokenOn(oneAfterTheOther)).isFalse();
        assertThat(lost.judge(oneAfterTheOther).note()).contains("1.02", "below 1.5");
        assertThat(lost.judge(shown).brokenOn(shown)).isFalse();
    }

    /** Held to a speed claim only when the machine had the cores free and the workers themselves ran side by side. */
    @Test
    void aClaimNeedingFreeCoresAndOverlapIsHeldOnlyWhenTheRunGaveBoth() {
        Outcome scales = Outcome.needsFreeCoresAndOverlap("scales", "workers beat one thread", seen -> seen.number("speedup") >= 1.3,
                "parallelism", 1.6, seen -> "the workers reached " + seen.number("speedup"));
        Observations fair = new Observations().put("speedup", 1.1, "x").put("parallelism", 1.9, "x").load(new Load(1.9, 2, 1.5));
        Observations starved = new Observations().put("speedup", 1.1, "x").put("parallelism", 1.42, "x").load(new Load(1.64, 2, 1.5));
        Observations busy = new Observations().put("speedup", 1.1, "x").put("parallelism", 1.9, "x").load(new Load(0.9, 2, 1.5));

        assertThat(scales.judge(fair).brokenOn(fair)).isTrue();
        assertThat(scales.judge(fair).note()).isEqualTo("the workers reached 1.1");
        assertThat(scales.judge(starved).brokenOn(starved)).isFalse();
        assertThat(scales.judge(starved).note()).contains("1.42", "below 1.6");
        assertThat(scales.judge(busy).brokenOn(busy)).isFalse();
        assertThat(scales.judge(busy).note()).contains("the machine was busy: 0.90 of 2 cores were free");
    }
}
