package dev.concurrencylab.core.lesson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The lessons on the class path, found with {@link ServiceLoader}, in curriculum order. */
public final class Lessons {

    private final List<Lesson> inOrder;

    private Lessons(List<Lesson> inOrder) {
        this.inOrder = List.copyOf(inOrder);
    }

    /** Every lesson the class path provides, in curriculum order. */
    public static Lessons discover() {
        return of(ServiceLoader.load(Lesson.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    /** A catalogue of the given lessons, in curriculum order; two lessons may not share an id or a place. */
    public static Lessons of(List<Lesson> lessons) {
        Map<String, Lesson> byId = new HashMap<>();
        Map<Place, Lesson> byPlace = new HashMap<>();
        for (Lesson lesson : lessons) {
            Lesson earlier = byId.putIfAbsent(lesson.id(), lesson);
            if (earlier != null) {
                throw new IllegalStateException("two lessons share the id '" + lesson.id() + "': "
                        + earlier.getClass().getName() + " and " + lesson.getClass().getName());
            }
            earlier = byPlace.putIfAbsent(lesson.place(), lesson);
            if (earlier != null) {
                throw new IllegalStateException("two lessons share the place " + lesson.place() + ": '"
                        + earlier.id() + "' and '" + lesson.id() + "'");
            }
        }
        List<Lesson> sorted = new ArrayList<>(lessons);
        sorted.sort(Comparator.comparing(Lesson::place));
        return new Lessons(sorted);
    }

    public List<Lesson> all() {
        return inOrder;
    }

    public Optional<Lesson> find(String id) {
        return inOrder.stream().filter(lesson -> lesson.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return inOrder.stream().map(Lesson::id).toList();
    }
}
