package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadPoolLessonTest {

    private static Observations seen;

    @BeforeAll
    static void runOnce() throws Exception {
        seen = new ThreadPoolLesson().run(LessonContext.silent(true));
    }

    @Test
    void carriesTheCurriculumKeys() {
        assertHasKeys(seen, "tasks", "results_in_order", "wall_s");
    }

    @Test
    void everyMapReturnsResultsInInputOrderAndRunsEveryTask() {
        assertThat(seen.number("tasks")).isEqualTo(1024);
        assertThat(seen.number("tasks_run_without_results")).isEqualTo(1024);
        assertThat(seen.flag("results_in_order")).isTrue();
    }

    @Test
    void aFailingTaskSurfacesWithItsCause() {
        assertThat(seen.flag("failure_surfaced")).isTrue();
    }
}
