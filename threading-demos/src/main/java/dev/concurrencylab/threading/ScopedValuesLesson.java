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
 * Lesson scoped-values: per-request context without ThreadLocal's leaks.
 *
 * Java-only: Python's closest relative is contextvars, which asyncio copies into each task. The
 * thread-leaks lesson showed a ThreadLocal on a pool thread outliving its task; this one puts the
 * JDK 25 answer beside it. A ScopedValue (JEP 506, final in JDK 25) is bound for the extent of one
 * call, ScopedValue.where(KEY, value).run(...), and is unbound when the call returns: nothing to
 * remove(), nothing left for the next task on the same thread. Subtasks forked in a
 * StructuredTaskScope inherit the binding itself, shared, where an InheritableThreadLocal copies
 * a map into every new thread when it is created, whether the thread reads it or not. The run
 * measures that copy with a million parked virtual threads, and also what a thread that does
 * read a ScopedValue pays: the JDK keeps a small per-thread cache of its lookups.
 *
 * The run is in src/main/java25-preview (ScopedValuesRun): ScopedValue is final in 25, but the
 * scope it forks in is a preview API, so this lesson needs exactly JDK 25 with --enable-preview;
 * elsewhere `list` marks it unavailable and says why.
 */
@LessonCard(id = "scoped-values", place = "1.15",
        title = "Scoped values (JDK 25): no stale value on a pool, one shared binding for a million virtual threads",
        keys = {"thread_local_stale_reads", "scoped_value_stale_reads", "thread_local_retained_requests",
        "scoped_value_retained_requests", "threads", "inherited_unread_bytes_per_thread",
        "scoped_value_unread_bytes_per_thread", "inherited_read_bytes_per_thread",
        "scoped_value_read_bytes_per_thread"})
public final class ScopedValuesLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ScopedValuesLesson(), args);
    }

    private final NewerJdkPart<LessonBody> body = NewerJdkPart.fromJdk25Preview(LessonBody.class,
            "dev.concurrencylab.threading.jdk25.ScopedValuesRun");

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("scoped_value_stale", "a request found a ScopedValue bound by an earlier one",
                        seen -> seen.number("scoped_value_stale_reads") > 0),
                Outcome.forbidden("scoped_value_retained", "a ScopedValue kept a finished request reachable",
                        seen -> seen.flag("gc_ran") && seen.number("scoped_value_retained_requests") > 0),
                Outcome.forbidden("binding_not_inherited", "a forked subtask did not see its scope's ScopedValue binding",
                        seen -> seen.number("scoped_value_seen_by") != seen.number("threads")),
                Outcome.forbidden("bound_after_scope", "the ScopedValue was still bound after its call returned",
                        seen -> seen.flag("bound_after_scope")),
                Outcome.forbidden("thread_outlived_scope", "a subtask's thread was alive after its scope closed",
                        seen -> seen.number("alive_after_scope") > 0),
                Outcome.interesting("thread_local_leaked", "a ThreadLocal left on a pool thread was seen by the next request and kept its payload",
                        seen -> seen.number("thread_local_stale_reads") > 0 && seen.flag("gc_ran")
                                && seen.number("thread_local_retained_requests") > 0,
                        seen -> !seen.flag("gc_ran") ? "the JVM did not run the full GCs asked for (-XX:+DisableExplicitGC?)"
                                : String.format("stale reads %d, requests kept %d: the pool's threads did not carry a value over",
                                (long) seen.number("thread_local_stale_reads"), (long) seen.number("thread_local_retained_requests"))),
                Outcome.interesting("binding_cheaper_than_copy",
                        "a thread that never reads the value cost less heap with a ScopedValue binding than with an inherited map",
                        seen -> seen.flag("gc_ran")
                                && seen.number("inherited_unread_bytes_per_thread") > seen.number("scoped_value_unread_bytes_per_thread"),
                        seen -> !seen.flag("gc_ran") ? "the JVM did not run the full GCs asked for, so the heap was not measured"
                                : String.format("per thread that never read it, %d bytes inherited vs %d bound: the heap measurement "
                                        + "(after a full GC) was noisier than the difference",
                                (long) seen.number("inherited_unread_bytes_per_thread"),
                                (long) seen.number("scoped_value_unread_bytes_per_thread"))));
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
 *     ./concurrency-lab run scoped-values
 *
 * What you should see: on the pool, every request after each thread's first finds its
 * predecessor's ThreadLocal value, and two payloads stay reachable after the last request; with
 * a ScopedValue, none and none. With the virtual threads, every subtask sees the value both ways;
 * the heap figures per thread are this machine's, with the reading and the non-reading threads
 * apart. The module README has a run from the development machine.
 */
