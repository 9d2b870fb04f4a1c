package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Lessons;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDK 25 preview lessons run exactly where the build's toolchain and this JVM are JDK 25, and
 * everywhere else say why not (the promise test then skips them, with that reason). Built with
 * {@code -Dtoolchain.as=21}, the second branch is the one taken.
 */
class NewerJdkLessonsTest {

    static final int TOOLCHAIN = Integer.getInteger("concurrencylab.toolchain.feature", -1);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"structured-concurrency", "scoped-values"})
    void isAvailableExactlyWhereTheToolchainIsJdk25(String id) {
        Lesson lesson = Lessons.discover().find(id).orElseThrow();
        assertThat(TOOLCHAIN).as("the build passes its toolchain's release (concurrencylab.toolchain.feature)").isPositive();
        if (TOOLCHAIN == 25) {
            assertThat(Runtime.version().feature()).as("tests run on the toolchain's JDK").isEqualTo(25);
            assertThat(lesson.unavailable()).isEmpty();
        } else {
            assertThat(lesson.unavailable()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("not in this build").contains("src/main/java25-preview"));
        }
    }
}
