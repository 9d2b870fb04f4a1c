package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LessonsTest {

    private record Placed(String id, Place place) implements Lesson {
        @Override
        public String title() {
            return id;
        }

        @Override
        public List<String> mirrors() {
            return List.of();
        }

        @Override
        public List<String> keys() {
            return List.of();
        }

        @Override
        public List<Outcome> outcomes() {
            return List.of();
        }

        @Override
        public Observations run(LessonContext context) {
            return new Observations();
        }
    }

    @Test
    void ordersByChapterThenNumberWhateverTheOrderFound() {
        Lessons lessons = Lessons.of(List.of(new Placed("ipc-first", new Place(3, 1)),
                new Placed("gil", new Place(1, 4)), new Placed("pool", new Place(2, 10)),
                new Placed("basics", new Place(1, 1)), new Placed("start", new Place(2, 2))));
        assertThat(lessons.ids()).containsExactly("basics", "gil", "start", "pool", "ipc-first");
        assertThat(lessons.find("gil")).isPresent();
        assertThat(lessons.find("nope")).isEmpty();
    }

    @Test
    void twoLessonsMayNotShareAnIdOrAPlace() {
        assertThatThrownBy(() -> Lessons.of(List.of(new Placed("gil", new Place(1, 1)), new Placed("gil", new Place(1, 2)))))
                .hasMessageContaining("two lessons share the id 'gil'");
        assertThatThrownBy(() -> Lessons.of(List.of(new Placed("a", new Place(1, 3)), new Placed("b", new Place(1, 3)))))
                .hasMessageContaining("two lessons share the place 1.3: 'a' and 'b'");
    }

    @Test
    void placesCountFromOne() {
        assertThatThrownBy(() -> new Place(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Place(2, 5)).hasToString("2.5");
    }

    /** A lesson that declares nothing itself: what it is comes from its card, or from nowhere. */
    abstract static class Undeclared implements Lesson {
        @Override
        public List<Outcome> outcomes() {
            return List.of();
        }

        @Override
        public Observations run(LessonContext context) {
            return new Observations();
        }
    }

    @LessonCard(id = "carded", place = "2.7", notebooks = {"001", "003"}, title = "A lesson declared by its card",
            keys = {"count", "wall_s"})
    static final class Carded extends Undeclared {}

    static final class Uncarded extends Undeclared {}

    @Test
    void aLessonCardDeclaresIdPlaceNotebooksTitleAndKeys() {
        Lesson carded = new Carded();
        assertThat(carded.id()).isEqualTo("carded");
        assertThat(carded.place()).isEqualTo(new Place(2, 7));
        assertThat(carded.mirrors()).containsExactly("001", "003");
        assertThat(carded.title()).isEqualTo("A lesson declared by its card");
        assertThat(carded.keys()).containsExactly("count", "wall_s");
        assertThatThrownBy(() -> new Uncarded().id()).hasMessageContaining("carries no @LessonCard");
        assertThat(Place.parse("10.12")).isEqualTo(new Place(10, 12));
        assertThatThrownBy(() -> Place.parse("1-9")).hasMessageContaining("a place is chapter.number, like 1.9");
    }
}
