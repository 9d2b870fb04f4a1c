package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import static org.assertj.core.api.Assertions.assertThat;

/** What every run of every lesson must satisfy, whichever test ran it. */
public final class LessonChecks {

    private LessonChecks() {}

    /**
     * The run carries every key the lesson promised, each observation has a unit and a meaning,
     * the conclusion is not empty, and no forbidden outcome was seen. An interesting outcome the
     * run did not show is printed with its reason, which must not be empty. A claim about speed
     * ({@link Outcome#needsFreeCores}) must show when the run recorded a quiet machine, and its
     * lesson must record the load at all; on a busy machine it is printed as not judged, with why.
     */
    public static void assertKeepsItsPromises(Lesson lesson, Observations seen) {
        assertKeepsItsPromises(lesson, seen, true);
    }

    /**
     * The same, for a run that shared the cores with another lesson of this JVM: its claims about
     * speed are printed, not judged, since the load it recorded counts the other lesson as its own.
     */
    public static void assertKeepsItsPromisesBesideAnother(Lesson lesson, Observations seen) {
        assertKeepsItsPromises(lesson, seen, false);
    }

    private static void assertKeepsItsPromises(Lesson lesson, Observations seen, boolean judgeClaims) {
        String id = lesson.id();
        assertThat(seen.values()).as("observations of " + id).containsKeys(lesson.keys().toArray(String[]::new));
        assertThat(seen.conclusion()).as(id + ": conclusion").isNotBlank();
        for (Observations.Observation observation : seen.list()) {
            assertThat(observation.meaning()).as(id + ": meaning of " + observation.key()).isNotBlank();
            assertThat(observation.unit()).as(id + ": unit of " + observation.key()).isNotBlank();
        }
        for (Outcome.Verdict verdict : Outcome.judgeAll(lesson.outcomes(), seen)) {
            Outcome outcome = verdict.outcome();
            assertThat(verdict.violated())
                    .as("%s: FORBIDDEN outcome '%s' (%s) was seen; observations %s", id, outcome.name(),
                            outcome.description(), seen.values())
                    .isFalse();
            if (outcome.isClaim() && judgeClaims) {
                assertThat(verdict.brokenOn(seen))
                        .as("%s: '%s' (%s) did not show although the run gave it its chance (%s): %s", id, outcome.name(),
                                outcome.description(), seen.load().map(Object::toString).orElse("load not recorded"), verdict.note())
                        .isFalse();
            }
            if (verdict.missed()) {
                assertThat(verdict.note()).as(id + ": why '" + outcome.name() + "' did not show").isNotBlank();
                System.out.printf("%s: %s '%s' not %s in this run: %s%n", id, outcome.isClaim() ? "claim" : "interesting outcome",
                        outcome.name(), outcome.isClaim() ? "judged" : "shown",
                        (outcome.isClaim() && !judgeClaims ? "it shared the cores with another lesson; " : "") + verdict.note());
            }
        }
    }
}
