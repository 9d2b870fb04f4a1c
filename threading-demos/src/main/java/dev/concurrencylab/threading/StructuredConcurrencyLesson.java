package dev.concurrencylab.threading;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonBody;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.NewerJdkPart;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import java.util.List;
import java.util.Optional;

/*
 * Lesson structured-concurrency: "start the threads, join them all", with the joining done for you.
 *
 * Mirrors notebook 004, which starts five threads and joins each one by hand. Nothing in that
 * pattern says what happens when one of them fails: the others run on, and a forgotten join()
 * leaves a thread behind. JDK 25's StructuredTaskScope (JEP 505, a preview API) gives the
 * threads a block to live in: subtasks are forked inside try-with-resources, join() waits for
 * them, a failing subtask cancels its siblings, a timeout cancels them all, and close() does not
 * return while any of them still runs.
 *
 * The run is in src/main/java25-preview (StructuredConcurrencyRun): compiled only when the build's
 * toolchain is JDK 25, with --enable-preview, and runnable only on JDK 25 with that flag; on any
 * other build or JVM, `list` marks this lesson unavailable and says why.
 */
@LessonCard(id = "structured-concurrency", place = "1.14", notebooks = "004",
        title = "Structured concurrency (JDK 25 preview): a failing subtask cancels its siblings; nothing outlives the scope",
        keys = {"jdk", "siblings", "siblings_cancelled", "alive_after_scopes", "plain_threads_running_after_failure",
        "timed_out_after_s"})
public final class StructuredConcurrencyLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new StructuredConcurrencyLesson(), args);
    }

    private final NewerJdkPart<LessonBody> body = NewerJdkPart.fromJdk25Preview(LessonBody.class,
            "dev.concurrencylab.threading.jdk25.StructuredConcurrencyRun");

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("thread_outlived_scope", "a subtask's thread was alive after its scope closed",
                        seen -> seen.number("alive_after_scopes") > 0),
                Outcome.forbidden("sibling_not_cancelled", "a sibling of the failing subtask ran to its end instead of being cancelled",
                        seen -> seen.number("siblings_cancelled") != seen.number("siblings")),
                Outcome.forbidden("failure_not_reported", "join() returned normally although a subtask failed",
                        seen -> !seen.flag("join_threw_failure")),
                Outcome.forbidden("timeout_ignored", "the timed scope waited for its slow subtask",
                        seen -> !seen.flag("join_threw_timeout") || !seen.flag("slow_subtask_interrupted")),
                Outcome.interesting("plain_threads_outlive_failure", "with plain threads, the siblings ran on after one failed",
                        seen -> seen.number("plain_threads_running_after_failure") > 0,
                        seen -> "the plain threads had all ended by the time the failure was seen (the machine was slower than their sleep)"));
    }

    @Override
    public Optional<String> unavailable() {
        return body.unavailable();
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        return body.orElseThrow(id()).run(context);
    }
}

/*
 * Run it:
 *     ./concurrency-lab run structured-concurrency
 *
 * What you should see: five subtasks alive together inside the scope and none after it; four
 * sleeping siblings cancelled a moment after the fifth failed, where plain threads in the same
 * situation sleep on; a scope with a timeout ending at its deadline, not its slow subtask's. The
 * module README has a run from the development machine.
 */
