package dev.concurrencylab.explorer;

/**
 * A few threads doing a few operations on a student's object, small enough that the scheduler can
 * try many of their interleavings, and a check of what they must add up to in every one.
 *
 * @param name      the check's description, as {@code check NN} prints it; a {@code %d} in it
 *                  becomes the number of schedules
 * @param schedules how many interleavings to try (the same ones on every run)
 * @param body      builds the object from the implementation's class, runs the threads, checks the end
 */
record Scenario(String name, int schedules, Body body) {

    Scenario {
        name = name.formatted(schedules);
    }

    interface Body {
        void run(Class<?> implementation) throws Exception;
    }
}
