package dev.concurrencylab.exercises;

import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grading knows the threads the code under test left running, and only its own: gradings that
 * run side by side in one JVM (the graders' own tests do) must not skip each other's explored
 * checks, and a JVM that grades several exercises in turn must know when to start afresh.
 */
class RunawaysTest {

    /**
     * A tally whose first increment spins deaf to interrupts until the test lets it go (the
     * others return at once, so that the grading is not slower than it must be).
     */
    public static final class DeafTally implements Threads.Tally {
        static final AtomicBoolean SPUN = new AtomicBoolean();
        static volatile boolean released;

        @Override
        public void increment(Threads.Cell cell) {
            if (SPUN.compareAndSet(false, true)) {
                while (!released) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    @Test
    void aGradingNamesTheThreadsItLeftRunningAndNoOtherGradingSeesThem() {
        try {
            Grading.Grade grade = Grading.grade(Exercises.find("01").orElseThrow(), DeafTally.class.getName());
            assertThat(grade.state()).isEqualTo(Grading.State.FAILING);
            assertThat(grade.checks()).as("the explored check, not run").anySatisfy(check -> assertThat(check.observed())
                    .startsWith("not explored: the code under test did not return, or ignored an interrupt").contains("("));
            assertThat(Runaways.anyRunning()).as("a runaway left in this JVM").isTrue();
            assertThat(Runaways.runningIn(new ThreadGroup("another grading"))).as("another grading's runaways").isEmpty();
        } finally {
            DeafTally.released = true;
            Await.until("the tally's runaway threads to end", () -> !Runaways.anyRunning());
        }
    }
}
