package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LessonsTest {

    private record Named(String id) implements Lesson {
        @Override
        public String title() {
            return id;
        }

        @Override
        public List<String> mirrors() {
            return List.of();
        }

        @Override
        public Observations run(LessonContext context) {
            return new Observations();
        }
    }

    @Test
    void ordersByTheCurriculumThenUnlistedLessonsById() {
        Lessons lessons = Lessons.of(List.of(new Named("zz-extra"), new Named("gil"),
                new Named("aa-extra"), new Named("thread-basics")));
        assertThat(lessons.ids()).containsExactly("thread-basics", "gil", "aa-extra", "zz-extra");
        assertThat(lessons.find("gil")).isPresent();
        assertThat(lessons.find("nope")).isEmpty();
    }

    @Test
    void twoLessonsMayNotShareAnId() {
        assertThatThrownBy(() -> Lessons.of(List.of(new Named("gil"), new Named("gil"))))
                .hasMessageContaining("two lessons share the id 'gil'");
    }

    @Test
    void theCurriculumListsEachIdOnce() {
        assertThat(Curriculum.ORDER).doesNotHaveDuplicates().hasSize(22);
    }
}
