package dev.concurrencylab.process;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/*
 * Lesson memory-isolation: threads share memory, processes do not.
 *
 * Mirrors notebook 002's memory comparison. A function appends squares to a global list
 * square_result from a thread: afterwards the main program sees [4, 16, 64, 81]. The same with
 * cubes in a Process: inside, the process prints [8, 64, 512, 729]; outside, cube_result is still
 * []. The process worked on its own copy.
 *
 * With fork the copy is literal (the child starts with a copy of the parent's memory); a JVM
 * cannot fork, so a child JVM starts with fresh statics of its own, which makes the point even
 * more plainly. Either way, what the child computed must come back explicitly: here, one line on
 * its stdout that the parent reads. (ipc's shared memory is the deliberate exception.)
 */
@LessonCard(id = "memory-isolation", place = "2.2", notebooks = "002",
        title = "Memory isolation: a thread appends to the parent's list, a child JVM to its own copy",
        keys = {"after_thread", "after_process", "child_saw"})
public final class MemoryIsolationLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new MemoryIsolationLesson(), args);
    }

    static final int[] NUMBERS = {2, 4, 8, 9};

    /** The notebook's global lists, as static fields. Guarded by confinement: see run(). */
    static final List<Long> SQUARE_RESULT = new ArrayList<>();
    static final List<Long> CUBE_RESULT = new ArrayList<>();

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("child_wrote_parent_memory", "the parent's list changed when a child JVM appended to its own",
                        seen -> !((List<?>) seen.get("after_process")).isEmpty()),
                Outcome.forbidden("thread_wrote_elsewhere", "the parent did not see what its thread appended",
                        seen -> !seen.longs("after_thread").equals(List.of(4L, 16L, 64L, 81L))),
                Outcome.forbidden("child_lost_its_copy", "the child did not report its own list",
                        seen -> !seen.longs("child_saw").equals(List.of(8L, 64L, 512L, 729L))));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        SQUARE_RESULT.clear();
        CUBE_RESULT.clear();

        /* In a thread: the same heap, the same list. join() makes the appends visible here. */
        Thread thread = Thread.ofPlatform().name("squares").start(() -> {
            for (int n : NUMBERS) {
                SQUARE_RESULT.add((long) n * n);
            }
        });
        thread.join();
        List<Long> afterThread = List.copyOf(SQUARE_RESULT);
        context.say("square_result after the thread: %s", afterThread);

        /* In a child JVM: its own CUBE_RESULT, in its own memory. */
        String childSaw;
        try (ChildJvm child = ChildJvm.builder(Cubes.class).name("cubes").start()) {
            childSaw = child.awaitLine(line -> line.startsWith("["), Timeouts.seconds(60), "print its list");
            child.waitFor(Timeouts.seconds(60));
        }
        List<Long> afterProcess = List.copyOf(CUBE_RESULT);
        context.say("cube_result inside the child: %s; in the parent after the child: %s", childSaw, afterProcess);

        return new Observations()
                .put("after_thread", afterThread, "the parent's square_result after a thread appended to it")
                .put("after_process", afterProcess, "the parent's cube_result after a child JVM appended to its own")
                .put("child_saw", parse(childSaw), "cube_result as the child JVM printed it")
                .conclude("thread: parent sees " + afterThread + "; child JVM: parent sees " + afterProcess
                        + ", child had " + childSaw);
    }

    private static List<Long> parse(String list) {
        String inner = list.substring(1, list.length() - 1).trim();
        return inner.isEmpty() ? List.of() : Arrays.stream(inner.split(",\\s*")).map(Long::parseLong).toList();
    }

    /** Child JVM: appends the cubes to its CUBE_RESULT and prints it. */
    static final class Cubes {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            for (int n : NUMBERS) {
                CUBE_RESULT.add((long) n * n * n);
            }
            System.out.println(CUBE_RESULT);
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run memory-isolation
 *
 * What a run shows: the block `<!-- observed memory-isolation -->` in this module's README.md, which
 * `./concurrency-lab observed memory-isolation` rewrites from a real run on the reader's machine.
 */
