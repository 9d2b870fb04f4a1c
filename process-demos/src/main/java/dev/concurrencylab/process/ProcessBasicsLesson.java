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
import dev.concurrencylab.core.measure.Stopwatch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/*
 * Lesson process-basics: a process is a program running; here, a whole new JVM.
 *
 * Mirrors notebooks 001 and 004. Notebook 001 starts one Process per os.cpu_count(), starts them
 * all, then joins them all. Notebook 004's doubler adds a million random numbers (busy work),
 * doubles its argument, and prints which process did it: "5 doubled to 10 by: Process-1".
 *
 * In Java, os.cpu_count() is Runtime.availableProcessors() (which, unlike Python's, follows a
 * container's CPU quota). A child process is started with ProcessBuilder, or here through core's
 * ChildJvm. Python's Process object is split in two here: Process (the handle of a child we
 * started) has the exit code (exitValue(), waitFor()); ProcessHandle, which any process has, gives
 * pid, isAlive() and more (command line, start time, CPU time so far), but no exit code.
 */
@LessonCard(id = "process-basics", place = "2.1", notebooks = {"001", "004"},
        title = "Processes: one child JVM per core, named, with pids, ProcessHandle info and exit codes",
        keys = {"children", "pids_distinct", "all_exited_zero", "wall_s"})
public final class ProcessBasicsLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ProcessBasicsLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("pids_shared", "two child JVMs had the same pid",
                        seen -> !seen.flag("pids_distinct")),
                Outcome.forbidden("child_failed", "a child JVM exited with a code other than 0",
                        seen -> !seen.flag("all_exited_zero")),
                Outcome.forbidden("wrong_number_of_children", "not one child per available processor",
                        seen -> seen.number("children") != seen.number("cpu_count")),
                Outcome.forbidden("answer_misnamed", "the first child's answer did not carry its name, Process-1",
                        seen -> !((List<?>) seen.get("answers")).getFirst().toString().startsWith("5 doubled to 10 by: Process-1")));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        int busyWork = context.size(200_000, 1_000_000);
        List<ChildJvm> children = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        List<Integer> codes = new ArrayList<>();
        Stopwatch wall = Stopwatch.start();
        try {
            /* Start them all, then wait for them all: start() does not wait, join() does. */
            for (int i = 1; i <= processors; i++) {
                children.add(ChildJvm.builder(Doubler.class).name("Process-" + i)
                        .arguments("Process-" + i, Integer.toString(5 * i), Integer.toString(busyWork)).start());
            }
            for (ChildJvm child : children) {
                ProcessHandle.Info info = child.handle().info();
                context.say("%s: pid %d, alive %s, started %s, command %s", child.name(), child.pid(), child.isAlive(),
                        info.startInstant().map(Object::toString).orElse("?"),
                        info.command().map(c -> c.substring(c.lastIndexOf('/') + 1)).orElse("?"));
                pids.add(child.pid());
            }
            for (ChildJvm child : children) {
                lines.add(child.awaitLine(line -> line.contains(" doubled to "), Timeouts.seconds(60), "double its number"));
                codes.add(child.waitFor(Timeouts.seconds(60)));
            }
        } finally {
            children.forEach(ChildJvm::close);
        }
        wall.close();
        lines.forEach(context::say);
        return new Observations()
                .put("cpu_count", processors, "Runtime.availableProcessors(), Python's os.cpu_count()")
                .put("children", children.size(), "child JVMs started, one per available processor")
                .put("pids", pids, "their process ids")
                .put("pids_distinct", new HashSet<>(pids).size() == pids.size(), "every child is a process of its own")
                .put("answers", lines, "what each child printed")
                .put("all_exited_zero", codes.stream().allMatch(code -> code == 0), "every child exited with code 0")
                .put("wall_s", wall.seconds(), "from the first start to the last exit")
                .conclude(String.format("%d child JVMs, distinct pids, all exited 0, in %.2f s", children.size(), wall.seconds()));
    }

    /** Child JVM: notebook 004's doubler. */
    static final class Doubler {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            String name = args[0];
            int number = Integer.parseInt(args[1]);
            SplittableRandom random = new SplittableRandom();
            long x = 0;
            for (int i = 0; i < Integer.parseInt(args[2]); i++) {
                x += random.nextInt(1, 11); // random.randint(1, 10)
            }
            System.out.println(number + " doubled to " + (number * 2) + " by: " + name + " (busy sum " + x + ")");
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run process-basics
 *
 * What a run shows: the block `<!-- observed process-basics -->` in this module's README.md, which
 * `./concurrency-lab observed process-basics` rewrites from a real run on the reader's machine.
 */
