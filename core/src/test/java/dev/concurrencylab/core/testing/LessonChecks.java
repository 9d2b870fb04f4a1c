package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.lesson.Observations;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every lesson test makes. */
public final class LessonChecks {

    private LessonChecks() {}

    /** The observation keys {@code shared/docs/LESSONS.md} requires are all there. */
    public static void assertHasKeys(Observations observations, String... keys) {
        assertThat(observations.values()).as("observations").containsKeys(keys);
        assertThat(observations.conclusion()).as("conclusion").isNotBlank();
    }
}
