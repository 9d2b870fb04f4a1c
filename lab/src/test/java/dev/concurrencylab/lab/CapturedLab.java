package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lessons;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The launcher over the lessons a test gives it, in this JVM, with what it printed kept for the test to read. */
final class CapturedLab {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs the launcher with {@code args}; its exit code. */
    int run(Lessons lessons, String... args) {
        return ConcurrencyLab.execute(new ConcurrencyLab(lessons,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed so far. */
    void forget() {
        out.reset();
        err.reset();
    }
}
