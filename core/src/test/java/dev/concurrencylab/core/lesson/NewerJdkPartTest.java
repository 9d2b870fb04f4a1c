package dev.concurrencylab.core.lesson;

import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each reason a newer-JDK part can be missing, by the JDK and flags it pretends to run on. */
class NewerJdkPartTest {

    /** Stands in for a class from a newer-JDK source set. */
    public static final class Present implements Supplier<String> {
        @Override
        public String get() {
            return "here";
        }
    }

    private static final String PRESENT = Present.class.getName();
    private static final String ABSENT = "dev.concurrencylab.core.lesson.jdk25.NotCompiled";

    @SuppressWarnings("unchecked")
    private static NewerJdkPart<Supplier<String>> load(String className, int release, boolean preview, int running,
                                                       boolean previewEnabled) {
        return NewerJdkPart.load((Class<Supplier<String>>) (Class<?>) Supplier.class, className, release, preview, running,
                previewEnabled);
    }

    @Test
    void aPartThatIsThereAndCanRunIsLoaded() {
        NewerJdkPart<Supplier<String>> part = load(PRESENT, 25, true, 25, true);
        assertThat(part.unavailable()).isEmpty();
        assertThat(part.get()).hasValueSatisfying(supplier -> assertThat(supplier.get()).isEqualTo("here"));
        assertThat(load(PRESENT, 22, false, 26, false).get()).as("a final API runs on any later JDK").isPresent();
    }

    @Test
    void aPartTheToolchainDidNotCompileSaysWhichSourcesAreMissing() {
        assertThat(load(ABSENT, 25, true, 25, true).unavailable()).hasValueSatisfying(why -> assertThat(why)
                .startsWith("not in this build").contains("src/main/java25-preview").contains("JDK 25"));
        assertThat(load(ABSENT, 22, false, 25, true).unavailable()).hasValueSatisfying(why -> assertThat(why)
                .contains("src/main/java22").contains("JDK 22 or newer"));
    }

    @Test
    void anOlderJvmIsNamed() {
        assertThat(load(PRESENT, 22, false, 21, false).unavailable())
                .hasValue("needs JDK 22 or newer; this JVM is JDK 21");
    }

    @Test
    void aPreviewPartRunsOnlyOnItsOwnJdkAndOnlyWithThePreviewFlag() {
        assertThat(load(PRESENT, 25, true, 26, true).unavailable()).hasValueSatisfying(why -> assertThat(why)
                .contains("only JDK 25 runs").contains("this JVM is JDK 26"));
        assertThat(load(PRESENT, 25, true, 25, false).unavailable()).hasValueSatisfying(why -> assertThat(why)
                .contains("--enable-preview"));
        assertThat(load(PRESENT, 25, true, 25, false).get()).isEmpty();
        assertThatThrownBy(() -> load(PRESENT, 25, true, 25, false).orElseThrow("structured-concurrency"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("structured-concurrency is unavailable: uses a preview API");
        assertThat(load(PRESENT, 25, true, 25, true).orElseThrow("structured-concurrency").get()).isEqualTo("here");
    }

    @Test
    void aClassOfTheWrongKindIsACleanReasonNotACrash() {
        assertThat(load(String.class.getName(), 22, false, 25, false).unavailable())
                .hasValueSatisfying(why -> assertThat(why).startsWith("could not be loaded on this JVM"));
    }
}
