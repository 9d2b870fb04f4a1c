package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.core.lesson.Place;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A folder lists files by name, not in reading order, so each chapter's README lists its lessons
 * in order ("9. **`thread-pool`**"): that list must say what the lessons' cards say, place by
 * place, and leave none out.
 */
class ReadingOrderTest {

    private static final Pattern NUMBERED_LESSON = Pattern.compile("^(\\d+)\\. \\*\\*`([\\w-]+)`\\*\\*", Pattern.MULTILINE);

    @Test
    void everyChapterReadmeListsItsLessonsInTheOrderOfTheirPlaces() throws IOException {
        Path project = Path.of("..").toAbsolutePath().normalize(); // Surefire runs in the module folder
        Lessons lessons = Lessons.discover();
        List<String> listed = new ArrayList<>();
        try (Stream<Path> files = Files.find(project, 2, (path, attributes) -> path.getFileName().toString().equals("README.md"))) {
            for (Path readme : files.sorted().toList()) {
                Matcher item = NUMBERED_LESSON.matcher(Files.readString(readme));
                List<Place> places = new ArrayList<>();
                while (item.find()) {
                    String id = item.group(2);
                    Lesson lesson = lessons.find(id).orElseThrow(() -> new AssertionError(readme + " lists '" + id + "', no lesson"));
                    places.add(new Place(lesson.place().chapter(), Integer.parseInt(item.group(1))));
                    assertThat(lesson.place()).as("%s: item %s is %s", readme, item.group(1), id).isEqualTo(places.getLast());
                    listed.add(id);
                }
                if (!places.isEmpty()) {
                    int chapter = places.getFirst().chapter();
                    List<String> chapterIds = lessons.ids().stream()
                            .filter(id -> lessons.find(id).orElseThrow().place().chapter() == chapter).toList();
                    assertThat(listed.subList(listed.size() - places.size(), listed.size()))
                            .as("%s: the lessons of chapter %d, in order", readme, chapter).containsExactlyElementsOf(chapterIds);
                }
            }
        }
        assertThat(listed).as("lessons listed in a chapter README").containsExactlyInAnyOrderElementsOf(lessons.ids());
    }
}
