package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lessons;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every lesson has exactly one block in the project's READMEs that `observed` writes, and no block names anything else. */
class ReadmeBlocksTest {

    @Test
    void everyLessonHasOneObservedBlockAndEveryBlockALesson() throws IOException {
        Path project = Path.of("..").toAbsolutePath().normalize(); // Surefire runs in the module folder
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.find(project, 2, (path, attributes) -> path.getFileName().toString().equals("README.md"))) {
            for (Path readme : files.toList()) {
                ids.addAll(ObservedCommand.idsIn(Files.readString(readme)));
            }
        }
        List<String> expected = new ArrayList<>(Lessons.discover().ids());
        expected.add(ObservedCommand.TOUR);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
    }
}
