package dev.concurrencylab.exercises;

/**
 * One exercise: the interface a student implements, the file they edit (the skeleton), the
 * grader that tests it, and the lesson that shows the idea.
 *
 * @param number   two digits, in curriculum order: {@code 01}
 * @param id       a short name: {@code exact-tally}
 * @param chapter  {@code threads}, {@code processes} or {@code ipc}
 * @param lesson   the lesson id that shows the idea
 * @param contract the interface the grader tests
 * @param skeleton the student's class, whose methods throw {@code UnsupportedOperationException("exercise NN")} until solved
 * @param grader   the JUnit 5 test class that grades it
 */
public record Exercise(String number, String id, String chapter, String title, String lesson, int points,
                       Class<?> contract, Class<?> skeleton, Class<?> grader) {

    /** The reference solution's class, in the exercises-solutions module (absent from a student fork). */
    public String solution() {
        return "dev.concurrencylab.exercises.solutions." + skeleton.getSimpleName().replaceFirst("^Exercise", "Solution");
    }

    /** The message every method of an untouched skeleton throws. */
    public String notStartedMessage() {
        return "exercise " + number;
    }
}
