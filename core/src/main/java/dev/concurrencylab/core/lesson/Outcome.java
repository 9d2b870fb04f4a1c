package dev.concurrencylab.core.lesson;

import dev.concurrencylab.core.measure.Load;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Something a lesson can observe, declared before it runs, in the vocabulary of OpenJDK's jcstress.
 *
 * <ul>
 *   <li>{@link Expect#FORBIDDEN}: must never be seen, on any machine, under any load. An atomic
 *       counter that comes out inexact, a child JVM that sees the parent's list. Seeing one is a
 *       bug in the lesson (or in the JVM), and the lesson test fails.
 *   <li>{@link Expect#INTERESTING}: the effect the lesson is about, which a run may or may not
 *       show. A lost update, a speedup on two cores. A busy or small machine, or a lucky
 *       schedule, can hide it; then the launcher says so, with the reason, instead of presenting
 *       the run as proof.
 * </ul>
 *
 * @param name        a snake_case name for the outcome, unique within the lesson
 * @param expect      whether it is forbidden or the interesting point of the lesson
 * @param description what the outcome is, in a few words ("the atomic total is inexact")
 * @param seenIn      whether a run's observations show the outcome
 * @param whyNotSeen  for an interesting outcome that a run did not show: why, from that run
 */
public record Outcome(String name, Expect expect, String description, Predicate<Observations> seenIn,
                      Function<Observations, String> whyNotSeen) {

    /** jcstress's words for outcomes, the two a lesson declares. */
    public enum Expect { FORBIDDEN, INTERESTING }

    public Outcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(seenIn, "seenIn");
        Objects.requireNonNull(whyNotSeen, "whyNotSeen");
    }

    /** An outcome that must never be seen; {@code seenIn} says whether a run saw it. */
    public static Outcome forbidden(String name, String description, Predicate<Observations> seenIn) {
        return new Outcome(name, Expect.FORBIDDEN, description, seenIn, seen -> "");
    }

    /** The point of the lesson, which a run may not show; {@code whyNotSeen} explains a run that did not. */
    public static Outcome interesting(String name, String description, Predicate<Observations> seenIn,
                                      Function<Observations, String> whyNotSeen) {
        return new Outcome(name, Expect.INTERESTING, description, seenIn, whyNotSeen);
    }

    /**
     * An interesting outcome that needs free cores to show: when the run recorded a busy machine
     * ({@link Observations#load()}), that is the reason; otherwise {@code otherwise}.
     */
    public static Outcome needsFreeCores(String name, String description, Predicate<Observations> seenIn,
                                         Function<Observations, String> otherwise) {
        return interesting(name, description, seenIn,
                seen -> seen.load().filter(Load::busy).map(Load::reason).orElseGet(() -> otherwise.apply(seen)));
    }

    /** What one run showed of one outcome. */
    public record Verdict(Outcome outcome, boolean seen, String note) {

        /** A forbidden outcome that was seen: the run broke an invariant. */
        public boolean violated() {
            return seen && outcome.expect() == Expect.FORBIDDEN;
        }

        /** An interesting outcome that this run did not show. */
        public boolean missed() {
            return !seen && outcome.expect() == Expect.INTERESTING;
        }
    }

    /** Judges one run; a predicate that cannot be evaluated (a missing key) fails loudly. */
    public Verdict judge(Observations seen) {
        boolean shown = seenIn.test(seen);
        String note = !shown && expect == Expect.INTERESTING ? whyNotSeen.apply(seen) : "";
        return new Verdict(this, shown, note);
    }

    /** Judges every outcome of a lesson on one run, in declaration order. */
    public static List<Verdict> judgeAll(List<Outcome> outcomes, Observations seen) {
        return outcomes.stream().map(outcome -> outcome.judge(seen)).toList();
    }
}
