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
 * @param fairRun     for a claim the tests hold the lesson to: whether a run gave the effect its
 *                    chance (a quiet machine, threads that really ran at once), so that missing it
 *                    breaks the lesson's word; {@code null} for an outcome no run is held to
 */
public record Outcome(String name, Expect expect, String description, Predicate<Observations> seenIn,
                      Function<Observations, String> whyNotSeen, Predicate<Observations> fairRun) {

    /** jcstress's words for outcomes, the two a lesson declares. */
    public enum Expect { FORBIDDEN, INTERESTING }

    public Outcome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expect, "expect");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(seenIn, "seenIn");
        Objects.requireNonNull(whyNotSeen, "whyNotSeen");
        if (fairRun != null && expect != Expect.INTERESTING) {
            throw new IllegalArgumentException(name + ": only an interesting outcome can be a claim a run is held to");
        }
    }

    /** Whether the tests hold a lesson to this outcome on a run that gave it its chance. */
    public boolean isClaim() {
        return fairRun != null;
    }

    /** An outcome that must never be seen; {@code seenIn} says whether a run saw it. */
    public static Outcome forbidden(String name, String description, Predicate<Observations> seenIn) {
        return new Outcome(name, Expect.FORBIDDEN, description, seenIn, seen -> "", null);
    }

    /** The point of the lesson, which a run may not show; {@code whyNotSeen} explains a run that did not. */
    public static Outcome interesting(String name, String description, Predicate<Observations> seenIn,
                                      Function<Observations, String> whyNotSeen) {
        return new Outcome(name, Expect.INTERESTING, description, seenIn, whyNotSeen, null);
    }

    /**
     * A claim about speed that needs free cores to show: when the run recorded a busy machine
     * ({@link Observations#load()}), that is the reason it did not; on a quiet machine it must
     * show, and the lesson's tests fail if it does not, saying {@code otherwise}. The lesson's
     * threshold is the one place the claim's number lives.
     */
    public static Outcome needsFreeCores(String name, String description, Predicate<Observations> seenIn,
                                         Function<Observations, String> otherwise) {
        return new Outcome(name, Expect.INTERESTING, description, seenIn,
                seen -> seen.load().filter(Load::busy).map(Load::reason).orElseGet(() -> otherwise.apply(seen)),
                seen -> !seen.load().orElseThrow(() -> new IllegalStateException(name + ": a speed claim on a run that recorded no load")).busy());
    }

    /**
     * A claim about speed that needs free cores, as {@link #needsFreeCores}, and also workers that
     * overlapped, as {@link #needsOverlap}: for workers whose own share of the run a burst of other
     * work can starve while the run's average leaves enough cores free (processes of their own,
     * measured in rounds between other variants).
     */
    public static Outcome needsFreeCoresAndOverlap(String name, String description, Predicate<Observations> seenIn,
                                                   String parallelismKey, double minimum, Function<Observations, String> otherwise) {
        Outcome overlap = needsOverlap(name, description, seenIn, parallelismKey, minimum, otherwise);
        Outcome freeCores = needsFreeCores(name, description, seenIn, overlap.whyNotSeen);
        return new Outcome(name, Expect.INTERESTING, description, seenIn, freeCores.whyNotSeen,
                seen -> freeCores.fairRun.test(seen) && overlap.fairRun.test(seen));
    }

    /**
     * An effect that needs threads to run at the same moment, judged by how much they did: the
     * CPU time / wall time the run recorded under {@code parallelismKey}. At {@code minimum} or
     * above the threads overlapped for much of the run, the effect must show, and the tests fail
     * if it does not, saying {@code otherwise}; below it, that is the reason it did not. Fairer than
     * free cores for an effect of a few milliseconds, which one late thread start can hide on an
     * idle machine.
     */
    public static Outcome needsOverlap(String name, String description, Predicate<Observations> seenIn,
                                       String parallelismKey, double minimum, Function<Observations, String> otherwise) {
        Predicate<Observations> overlapped = seen -> seen.number(parallelismKey) >= minimum;
        return new Outcome(name, Expect.INTERESTING, description, seenIn,
                seen -> overlapped.test(seen) ? otherwise.apply(seen) : String.format(
                        "the threads ran at the same time for too little of the run (CPU time / wall time %.2f, below %.1f)",
                        seen.number(parallelismKey), minimum),
                overlapped);
    }

    /**
     * An interesting outcome that a busy machine hides, and that a quiet one does not always show
     * either (the JIT, a virtual machine's cores, the cost of starting JVMs): the run's load is
     * the reason when it was busy, {@code otherwise} when it was not; no test holds a run to it.
     */
    public static Outcome hiddenByLoad(String name, String description, Predicate<Observations> seenIn,
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

        /**
         * A claim that this run did not show although the run gave it its chance (a quiet machine,
         * threads that overlapped): the lesson broke its word. False when it showed, when it is no
         * claim, or when the run gave it no chance (then {@link #note()} says why).
         */
        public boolean brokenOn(Observations run) {
            return missed() && outcome.isClaim() && outcome.fairRun().test(run);
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
