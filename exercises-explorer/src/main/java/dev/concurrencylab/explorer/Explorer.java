package dev.concurrencylab.explorer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kotlin.Unit;
import org.pastalab.fray.core.TestRunner;
import org.pastalab.fray.core.command.Configuration;
import org.pastalab.fray.core.command.ExecutionInfo;
import org.pastalab.fray.core.command.LambdaExecutor;
import org.pastalab.fray.core.command.NetworkDelegateType;
import org.pastalab.fray.core.command.SystemTimeDelegateType;
import org.pastalab.fray.core.observers.TimelineCoverageType;
import org.pastalab.fray.core.randomness.ControlledRandom;
import org.pastalab.fray.core.randomness.Randomness;
import org.pastalab.fray.core.randomness.RandomnessProvider;
import org.pastalab.fray.core.scheduler.POSScheduler;

/**
 * The explorer's JVM: runs an exercise's scenarios under Fray and prints, per scenario, one line
 * that the exercises module's {@code Exploration} reads. It runs on Fray's instrumented copy of a
 * JDK 25, with Fray's Java agent and native JVMTI agent loaded.
 *
 * <p>Schedule {@code n} (from 1) of a scenario is drawn from a random generator seeded with {@code n}, so
 * the same schedules are tried in the same order on every run, and {@code --replay S:N} runs
 * schedule {@code N} of scenario {@code S} alone, exactly as it ran when it failed.
 *
 * <p>Usage: {@code Explorer NN implementation-class report-dir [--replay S:N]}
 */
public final class Explorer {

    /** The first word of every answer line; anything else on stdout is not ours. */
    public static final String ANSWER = "explored";

    private static final int MOST_TRACE_LINES = 40;

    private Explorer() {}

    public static void main(String[] args) throws Exception {
        String number = args[0];
        Class<?> implementation = Class.forName(args[1]);
        Path reports = Path.of(args[2]);
        int replayScenario = 0;
        int replaySchedule = 0;
        if (args.length == 5 && args[3].equals("--replay")) {
            String[] parts = args[4].split(":");
            replayScenario = Integer.parseInt(parts[0]);
            replaySchedule = Integer.parseInt(parts[1]);
        }
        PrintStream answers = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream())); // Fray's progress report; the answers stay apart
        List<Scenario> scenarios = Scenarios.of(number);
        for (int index = 1; index <= scenarios.size(); index++) {
            if (replayScenario != 0 && index != replayScenario) {
                continue;
            }
            Scenario scenario = scenarios.get(index - 1);
            Path report = Files.createDirectories(reports.resolve("scenario-" + index));
            answers.println(explore(index, scenario, implementation, report, replaySchedule).line());
            answers.flush();
        }
        System.exit(0); // a thread the student's code left behind ends with this JVM
    }

    /** What exploring one scenario found: the first schedule that failed (numbered from 1; 0 when none did), with what it saw. */
    record Result(int scenario, String name, int failingSchedule, String failure, List<String> waiting, List<String> trace) {

        String line() {
            return String.join("\t", ANSWER, Integer.toString(scenario), escape(name), Integer.toString(failingSchedule), escape(failure), escape(String.join("\n", waiting)),
                    escape(String.join("\n", trace)));
        }

        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
        }
    }

    private static Result explore(int index, Scenario scenario, Class<?> implementation, Path report, int only)
            throws IOException {
        boolean replay = only > 0;
        int first = replay ? only : 1;
        Configuration config = new Configuration(
                new ExecutionInfo(new LambdaExecutor(() -> {
                    Thread.currentThread().setName("grader");
                    Trace.begin();
                    try {
                        scenario.body().run(implementation);
                    } catch (RuntimeException | Error e) {
                        Trace.freezeAt(e);
                        throw e;
                    } catch (Exception e) {
                        throw new AssertionError("the scenario threw " + e, e);
                    }
                    return Unit.INSTANCE;
                }), false /* an exception a thread leaves uncaught is a failure */,
                        false /* switch at synchronization, not at every field access */, -1 /* no step limit */),
                report, replay ? 1 : scenario.schedules(), TIME_LIMIT_SECONDS,
                // POS: at each step the runnable thread of lowest random priority goes next (Fray's default).
                new POSScheduler(schedule(first)), new Schedules(first + 1),
                true /* full schedule */, false /* stop at the first failure */, true /* never System.exit */, replay,
                false /* under Fray */, false /* not a dry run */,
                NetworkDelegateType.PROACTIVE, SystemTimeDelegateType.NONE, 100_000L,
                true /* a timed wait times out once no other thread can run */, true /* sleep is a switch point */,
                true /* the scenario's classes fresh each schedule */, false /* stdout stays */,
                false /* threads run out after the scenario's end */, false, TimelineCoverageType.NONE);
        // The flags are positional (Fray's Configuration, as its own FrayInTestLauncher passes them).
        Throwable failure = new TestRunner(config).run();
        List<String> trace = Trace.lines();
        if (failure == null) {
            return new Result(index, scenario.name(), 0, "", List.of(), List.of());
        }
        int failing = first + (replay ? 0 : config.getCurrentIteration());
        boolean deadlock = isDeadlock(failure);
        List<String> waiting = deadlock ? positions(report.resolve("fray.log"), implementation) : List.of();
        String what = deadlock
                ? "every thread waits, and only another waiting thread could wake it: a deadlock"
                : failure instanceof AssertionError ? String.valueOf(failure.getMessage())
                : failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        if (trace.size() > MOST_TRACE_LINES) {
            List<String> last = new ArrayList<>();
            last.add("(" + (trace.size() - MOST_TRACE_LINES) + " earlier events left out)");
            last.addAll(trace.subList(trace.size() - MOST_TRACE_LINES, trace.size()));
            trace = last;
        }
        return new Result(index, scenario.name(), failing, what, waiting, trace);
    }

    /** Fray's report of a deadlock; its class lives in the instrumented JDK's java.base. */
    private static final String DEADLOCK = "org.pastalab.fray.runtime.DeadlockException";

    static boolean isDeadlock(Throwable failure) {
        return failure.getClass().getName().equals(DEADLOCK);
    }

    /** Fray's time limit per scenario, far above what the schedules take: the parent's bound ends a runaway first. */
    private static final int TIME_LIMIT_SECONDS = 3_600;

    /** The random choices of schedule {@code n}: the same on every run. */
    static Randomness schedule(int n) {
        return new ControlledRandom(new ArrayList<>(), new ArrayList<>(), new Random(0x5EED_0000L + n));
    }

    /** Hands Fray schedule n, n+1, ... as it asks for the next one. */
    private static final class Schedules implements RandomnessProvider {
        private int next;

        Schedules(int next) {
            this.next = next;
        }

        @Override
        public Randomness getRandomness() {
            return schedule(next++);
        }
    }

    private static final Pattern THREAD = Pattern.compile("^Thread: Thread\\[#\\d+,([^,]+),.*$");

    /** Where each of the scenario's threads waits, from the stacks Fray logs with a deadlock. */
    static List<String> positions(Path log, Class<?> implementation) throws IOException {
        List<String> positions = new ArrayList<>();
        if (!Files.exists(log)) {
            return positions;
        }
        String thread = null;
        List<String> frames = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher start = THREAD.matcher(line);
            if (start.matches() || line.contains("[INFO]")) {
                if (thread != null) {
                    describe(thread, frames, implementation).ifPresent(positions::add);
                }
                thread = start.matches() ? start.group(1) : null;
                frames.clear();
            } else if (thread != null && line.strip().startsWith("at ")) {
                frames.add(line.strip().substring(3));
            }
        }
        if (thread != null) {
            describe(thread, frames, implementation).ifPresent(positions::add);
        }
        return positions;
    }

    /** "consumer-1: waits in await(), at Buffer.take(Buffer.java:31)", for a thread waiting in the student's code. */
    private static Optional<String> describe(String thread, List<String> frames, Class<?> implementation) {
        for (int i = 0; i < frames.size(); i++) {
            String frame = frames.get(i).replaceFirst("^java\\.base/", "");
            if (frame.startsWith(implementation.getName())) {
                String caller = i == 0 ? "" : frames.get(i - 1).replaceFirst("^java\\.base/", "");
                String waitsIn = caller.isEmpty() || caller.startsWith("org.pastalab.") ? "to enter a synchronized block"
                        : "in " + methodName(caller) + "()";
                return Optional.of(thread + ": waits " + waitsIn + ", at " + shortFrame(frame));
            }
        }
        return Optional.empty(); // not in the student's code: the grader's own thread, waiting for the others
    }

    /** {@code a.b.Outer$Inner.method(File.java:12)} as {@code method}. */
    private static String methodName(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        return qualified.substring(qualified.lastIndexOf('.') + 1);
    }

    /** {@code a.b.Outer$Inner.method(File.java:12)} as {@code Outer$Inner.method(File.java:12)}. */
    private static String shortFrame(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int method = qualified.lastIndexOf('.');
        int type = qualified.lastIndexOf('.', method - 1);
        return frame.substring(type + 1);
    }
}
