package dev.concurrencylab.exercises;

import dev.concurrencylab.core.Timeouts;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs an exercise's grader with the JUnit Platform and says, check by check and in plain words,
 * what passed and what the failing ones observed; never a stack trace.
 */
public final class Grading {

    /** Where an exercise stands. */
    public enum State {
        NOT_STARTED("not started"), FAILING("failing"), PASSING("passing");

        public final String words;

        State(String words) {
            this.words = words;
        }
    }

    /**
     * One check of a grader: its description, and what it observed when it failed. An explored
     * check that failed also has the failing schedule, event by event ({@code trace}, with where
     * each thread waited at a deadlock first), and the handle that replays it ({@code check NN --replay}).
     */
    public record Check(String name, boolean passed, String observed, List<String> trace, String replay) {

        public Check(String name, boolean passed, String observed) {
            this(name, passed, observed, List.of(), "");
        }
    }

    /**
     * What grading one implementation of an exercise found. {@code unexplored} says why an
     * exercise with explored checks was graded without them (empty when they ran, or it has none).
     */
    public record Grade(Exercise exercise, String implementation, List<Check> checks, String unexplored) {

        public Grade(Exercise exercise, String implementation, List<Check> checks) {
            this(exercise, implementation, checks, "");
        }

        public State state() {
            if (checks.stream().anyMatch(check -> check.observed().startsWith(NOT_STARTED))) {
                return State.NOT_STARTED;
            }
            return !checks.isEmpty() && checks.stream().allMatch(Check::passed) ? State.PASSING : State.FAILING;
        }

        public boolean passed() {
            return state() == State.PASSING;
        }
    }

    static final String NOT_STARTED = "not started: ";
    static final String STOPPED = "stopped after ";
    private static final String EXPLORED_NOT_RUN = "explored: the scenarios under the controlled scheduler";

    private Grading() {}

    /** Grades the student's own file. */
    public static Grade grade(Exercise exercise) {
        return grade(exercise, exercise.skeleton().getName());
    }

    /** Grades the named implementation of the exercise's interface (a solution, a wrong answer). */
    public static Grade grade(Exercise exercise, String implementation) {
        ThreadGroup grading = new ThreadGroup("grading " + exercise.number());
        Grade forced = forcedIn(grading, exercise, implementation);
        List<Check> checks = new ArrayList<>(forced.checks());
        if (!Exploration.explores(exercise) || forced.state() == State.NOT_STARTED) {
            return forced;
        }
        List<String> runaways = Runaways.runningIn(grading);
        if (!runaways.isEmpty() || checks.stream().anyMatch(check -> check.observed().startsWith(STOPPED))) {
            // A loop with no lock or wait in it never hands the scheduler a turn: exploring it would never end.
            checks.add(new Check(EXPLORED_NOT_RUN, false, "not explored: the code under test did not return, or ignored an "
                    + "interrupt and kept running" + (runaways.isEmpty() ? "" : " (" + String.join(", ", runaways) + ")")));
            return new Grade(exercise, implementation, checks);
        }
        try {
            Exploration.explore(exercise, implementation, Optional.empty()).forEach(explored -> checks.add(check(exercise, explored)));
            return new Grade(exercise, implementation, checks);
        } catch (Exploration.Unavailable e) {
            if (Exploration.required()) {
                checks.add(new Check(EXPLORED_NOT_RUN, false,
                        "the explored checks must run here and cannot: " + e.getMessage()));
                return new Grade(exercise, implementation, checks);
            }
            return new Grade(exercise, implementation, checks, e.getMessage());
        } catch (IllegalStateException e) {
            checks.add(new Check(EXPLORED_NOT_RUN, false, e.getMessage() == null ? e.toString() : e.getMessage()));
            return new Grade(exercise, implementation, checks);
        }
    }

    /**
     * {@link #forced}, from a thread of {@code group}: every thread the checks start belongs to it
     * or to a group under it, so the runaways it leaves are known to be this grading's even while
     * other gradings run in the same JVM.
     */
    private static Grade forcedIn(ThreadGroup group, Exercise exercise, String implementation) {
        AtomicReference<Grade> grade = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>(); // forced() throws nothing checked
        Thread grader = Thread.ofPlatform().group(group).name(group.getName()).start(() -> {
            try {
                grade.set(forced(exercise, implementation));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        try {
            grader.join();
        } catch (InterruptedException e) {
            grader.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading exercise " + exercise.number(), e);
        }
        if (thrown.get() instanceof RuntimeException failure) {
            throw failure;
        }
        if (thrown.get() instanceof Error failure) {
            throw failure;
        }
        return grade.get();
    }

    /** The checks of the exercise's grader alone, without the explored ones: quick, and the same on every machine. */
    public static Grade forced(Exercise exercise, String implementation) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(exercise.grader()))
                .configurationParameter(Subjects.IMPLEMENTATION, implementation)
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                // A student's code that never returns is reported as such, and the other checks still run.
                .configurationParameter("junit.jupiter.execution.timeout.default", checkLimit(exercise).toSeconds() + " s")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
        List<Check> checks = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    List<String> trace = result.getThrowable().filter(TracedFailure.class::isInstance)
                            .map(failure -> ((TracedFailure) failure).trace()).orElse(List.of());
                    checks.add(new Check(test.getDisplayName(), result.getStatus() == TestExecutionResult.Status.SUCCESSFUL,
                            result.getThrowable().map(failure -> observed(exercise, failure)).orElse(""), trace, ""));
                } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && result.getThrowable().isPresent()) {
                    checks.add(new Check(test.getDisplayName(), false, observed(exercise, result.getThrowable().get())));
                }
            }
        });
        return new Grade(exercise, implementation, checks);
    }

    /** An explored check as {@code check NN} reports it: the failing schedule in a sentence, then its trace. */
    public static Check check(Exercise exercise, Exploration.Explored explored) {
        if (explored.passed()) {
            return new Check(explored.name(), true, "");
        }
        String observed = "schedule " + explored.failingSchedule() + " fails: " + explored.failure()
                + " (run exactly that schedule again: check " + exercise.number() + " --replay " + explored.replay() + ")";
        return new Check(explored.name(), false, observed, trace(explored.waiting(), explored.trace()), explored.replay());
    }

    /** A failing schedule as {@code check NN} prints it: where each thread waits, if they all do, then what each did, in order. */
    public static List<String> trace(List<String> waiting, List<String> events) {
        List<String> trace = new ArrayList<>();
        if (!waiting.isEmpty()) {
            trace.add("where the threads wait:");
            waiting.forEach(line -> trace.add("  " + line));
            trace.add("what the threads did, in order:");
        }
        events.forEach(line -> trace.add(waiting.isEmpty() ? line : "  " + line));
        return trace;
    }

    /**
     * How long one check may run before it is stopped and reported: a thread exercise's checks
     * finish in a second or two, and their own waits are shorter than this; the process and ipc
     * exercises start JVMs, which a busy machine makes slow.
     */
    static Duration checkLimit(Exercise exercise) {
        return Timeouts.seconds(exercise.chapter().equals("threads") ? 15 : 60);
    }

    /** A failure in a sentence: what the check saw, or that the exercise is not started. */
    static String observed(Exercise exercise, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnsupportedOperationException && exercise.notStartedMessage().equals(cause.getMessage())) {
                return NOT_STARTED + "it still throws UnsupportedOperationException(\"" + exercise.notStartedMessage() + "\")";
            }
        }
        String message = Optional.ofNullable(failure.getMessage()).orElse("").strip().replaceAll("\\s*\\R\\s*", " ");
        if (message.contains(UnsupportedOperationException.class.getName() + ": " + exercise.notStartedMessage())) {
            return NOT_STARTED + "it still throws UnsupportedOperationException(\"" + exercise.notStartedMessage() + "\")";
        }
        if (failure instanceof TimeoutException) {
            return STOPPED + checkLimit(exercise).toSeconds() + " s: the code under test had not returned";
        }
        String sentence = failure instanceof AssertionError ? message
                : failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return sentence.length() > 400 ? sentence.substring(0, 397) + "..." : sentence;
    }
}
