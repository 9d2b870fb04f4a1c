package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.threading.SleepSpeedupLesson;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notebook 000's claim: 4 sleeping tasks on 4 threads, virtual threads or child JVMs beat running
 * them one after another. Sleeping needs a timer, not a free core, so this holds on a loaded
 * machine too; only the child JVMs' start-up is CPU work, and it is measured apart.
 */
class SleepSpeedupIT {

    @Test
    void threadsVirtualThreadsAndChildJvmsAllOverlapTheirSleeps() throws Exception {
        Observations seen = new SleepSpeedupLesson().run(LessonContext.silent(true));
        double sequential = seen.number("sequential_s");
        double processesWork = seen.number("processes_s") - seen.number("process_startup_s");
        System.out.printf("sleep-speedup: sequential %.3f s, threads %.3f s, virtual %.3f s, child JVMs %.3f s "
                        + "(of which start-up %.3f s)%n", sequential, seen.number("threads_s"),
                seen.number("virtual_threads_s"), seen.number("processes_s"), seen.number("process_startup_s"));

        assertThat(seen.number("threads_speedup")).as("4 platform threads vs sequential").isGreaterThanOrEqualTo(2.5);
        assertThat(seen.number("virtual_threads_speedup")).as("4 virtual threads vs sequential").isGreaterThanOrEqualTo(2.5);
        assertThat(sequential / processesWork).as("4 child JVMs, once ready, vs sequential").isGreaterThanOrEqualTo(1.5);
        assertThat(seen.flag("square_cube_same_results")).isTrue();
        assertThat(seen.number("square_cube_one_thread_s") / seen.number("square_cube_two_threads_s"))
                .as("notebook 002's square/cube with sleeps, 2 threads vs 1").isGreaterThanOrEqualTo(1.5);
    }
}
