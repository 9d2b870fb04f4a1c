package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;

import org.apache.commons.exec.ExecuteWatchdog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A child JVM: a fresh {@code java} process running one main class from the same class path.
 *
 * <h2>Overview</h2>
 * Python's {@code multiprocessing} can fork the running interpreter; a JVM cannot fork itself, so
 * a child is always a new JVM started from {@code java.home/bin/java}, and all it knows is what
 * it is given: class path, main class, arguments, environment, stdin. It is started through Apache
 * Commons Exec, which gives a watchdog (the child is killed when its time is up) and exit values.
 *
 * <p>The child announces that it is ready with the line {@value #READY_LINE} on stdout (see
 * {@link ChildSide#sayReady()}), so that the parent can leave JVM start-up out of its timings.
 * Every other stdout line is kept and can be awaited with {@link #awaitLine}; stderr is kept for
 * error messages.
 *
 * <p>{@link #close()} destroys the child <em>and its descendants</em> and waits for them to end.
 * A JVM shutdown hook does the same for children still alive when the parent exits, and each child
 * watches its parent ({@link ChildSide#exitWhenParentDies()}) for the case where the parent is
 * killed outright. No child outlives its owner.
 */
public final class ChildJvm implements AutoCloseable {

    /** The handshake line a child prints when its set-up is done. */
    public static final String READY_LINE = "concurrency-lab:ready";

    /**
     * No watchdog: for long-lived children such as pool workers, whose end is their owner's
     * {@link #close()} (and, if the owner dies, {@link ChildSide#exitWhenParentDies()}).
     */
    public static final Duration NO_TIMEOUT = ExecuteWatchdog.INFINITE_TIMEOUT_DURATION;

    /**
     * An environment variable a build may set to a value unique to its run (CI does). Children
     * inherit the environment, so every process a run starts, JVM or not, carries it, and a check
     * for leftovers can judge exactly its own run's processes.
     */
    public static final String RUN_MARKER = "CONCURRENCYLAB_RUN";

    /**
     * A system property that, while set to a directory, has every child started from then on
     * record itself with the flight recorder, with the settings in {@value #RECORDING_SETTINGS} of
     * that directory, into {@code <name>-<pid>.jfr} there; {@link #close()} asks such a child to
     * end (SIGTERM, which dumps its recording) before it kills it. A timeline sets it.
     */
    public static final String RECORD_INTO_PROPERTY = "concurrencylab.children.jfr";

    /** The flight recorder's settings file a recording parent writes into the directory. */
    public static final String RECORDING_SETTINGS = "children.jfc";

    /** The directory children record into now, if a timeline asked for it. */
    static Optional<Path> recordingInto() {
        String directory = System.getProperty(RECORD_INTO_PROPERTY);
        return directory == null || directory.isBlank() ? Optional.empty() : Optional.of(Path.of(directory));
    }

    private final String name;
    private final Process process;
    private final CompletableFuture<Integer> exit;
    private final ExecuteWatchdog watchdog;
    private final ChildStreams streams;
    private final Duration timeout;
    private final boolean recorded; // started with the flight recorder on: ended with SIGTERM first, which writes its recording
    private final CompletableFuture<Void> groupGone; // done once the process group it leads is killed (at once if it leads none)

    ChildJvm(String name, Process process, CompletableFuture<Integer> exit, ExecuteWatchdog watchdog, ChildStreams streams,
             Duration timeout, boolean recorded, CompletableFuture<Void> groupGone) {
        this.name = name;
        this.process = process;
        this.exit = exit;
        this.watchdog = watchdog;
        this.streams = streams;
        this.timeout = timeout;
        this.recorded = recorded;
        this.groupGone = groupGone;
    }

    /** Starts describing a child that runs {@code mainClass}. */
    public static ChildJvmBuilder builder(Class<?> mainClass) {
        return new ChildJvmBuilder(mainClass.getName());
    }

    /** A child whose main class is not on this JVM's class path (the child's class path names it). */
    public static ChildJvmBuilder builder(String mainClass) {
        return new ChildJvmBuilder(mainClass);
    }

    /** The {@code java} launcher of the JVM running now; children use the same JDK. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", Executables.fileName("java"));
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    /** The child's process handle: pid, info, descendants, onExit. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The child's stdin. */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** The child's stdout as bytes; only for a child built with {@link ChildJvmBuilder#binaryStdout()}. */
    public InputStream stdout() {
        return streams.binaryStdout().orElseThrow(() ->
                new IllegalStateException("stdout of '" + name + "' is read as lines; build it with binaryStdout()"));
    }

    /** Waits for the handshake line; on failure the child is destroyed and the error says why. */
    public void awaitReady(Duration within) {
        awaitLine(READY_LINE::equals, within, "say ready");
    }

    /**
     * Waits for the next stdout line that {@code matches} (lines before it are passed over but
     * kept in {@link #stdoutLines()}).
     *
     * @throws ChildJvmException when the child exits or the time is up first; the child is then
     *                           destroyed and the message carries the tail of its stderr
     */
    public String awaitLine(Predicate<String> matches, Duration within, String whatFor) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? streams.lines().poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    close();
                    throw failure("did not " + whatFor + " within " + within);
                }
                if (line == ChildStreams.END) {
                    streams.lines().add(ChildStreams.END); // stays at the end for later callers
                    if (streams.overflow() != null) {
                        close();
                        throw failure(streams.overflow() + " before it would " + whatFor + "; destroyed");
                    }
                    // A child that ends its stdout is exiting; a couple of seconds is grace enough.
                    Integer code = exit.isDone() ? exit.getNow(null) : waitForExit(Timeouts.seconds(2));
                    if (code == null) {
                        // It closed its stdout and runs on: it can never answer. End it, and say so.
                        close();
                        throw failure("closed its stdout without exiting before it would " + whatFor + "; destroyed");
                    }
                    throw failure("exited with code " + code + " before it would " + whatFor);
                }
                if (matches.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ChildJvmException("interrupted while waiting for child '" + name + "' to " + whatFor, e);
        }
    }

    /**
     * The rest of the next stdout line that starts with {@code prefix}: for answers such as
     * {@code "grandchild 4711"}, {@code awaitValue("grandchild ", ...)} returns {@code "4711"}.
     * Fails as {@link #awaitLine} does.
     */
    public String awaitValue(String prefix, Duration within, String whatFor) {
        return awaitLine(line -> line.startsWith(prefix), within, whatFor).substring(prefix.length());
    }

    /** Writes one line to the child's stdin and flushes it, as a command or a release. */
    public void sendLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new ChildJvmException("could not send '" + line + "' to child JVM '" + name + "' (pid " + pid()
                    + "): " + e.getMessage(), e);
        }
    }

    /** Every stdout line seen so far, handshake included. */
    public List<String> stdoutLines() {
        return streams.seenLines();
    }

    /** The last part of the child's stderr. */
    public String stderr() {
        return streams.stderrTail();
    }

    /**
     * Waits for the child to exit and returns its exit code.
     *
     * @throws ChildJvmException when it does not exit in time (it is then destroyed)
     */
    public int waitFor(Duration within) {
        Integer code = waitForExit(within);
        if (code == null) {
            close();
            throw failure("did not exit within " + within);
        }
        return code;
    }

    /** The exit code if the child exits within {@code within}; empty if it is still running then (it is left running). */
    public Optional<Integer> exitCode(Duration within) {
        try {
            return process.waitFor(within.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The exit code, or null if it did not exit in time. */
    private Integer waitForExit(Duration within) {
        try {
            return exit.get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new ChildJvmException("child '" + name + "' failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException("interrupted while waiting for child '" + name + "'", e);
        }
    }

    /** True when the watchdog killed the child because its timeout passed. */
    public boolean timedOut() {
        return watchdog.killedProcess();
    }

    private ChildJvmException failure(String what) {
        String stderr = stderr().strip();
        String message = "child JVM '" + name + "' (pid " + pid() + ") " + what
                + (timedOut() ? " (killed by its " + timeout + " watchdog)" : "")
                + (stderr.isEmpty() ? "" : "; its stderr ends with:\n" + indent(stderr));
        return new ChildJvmException(message);
    }

    private static String indent(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()))
                .indent(4).stripTrailing();
    }

    /**
     * Destroys the child and all its descendants, and waits (bounded) until they are gone.
     * Safe to call more than once, and on a child that already exited.
     */
    @Override
    public void close() {
        if (recorded && process.isAlive()) {
            // A recorded child writes its recording when it ends normally or on SIGTERM, never on SIGKILL.
            process.destroy();
            try {
                process.waitFor(Timeouts.seconds(5).toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // killed below, as any child
            }
        }
        List<ProcessHandle> tree = LiveChildren.destroyTree(process);
        Duration grace = Timeouts.seconds(10);
        try {
            for (ProcessHandle member : tree) {
                try {
                    member.onExit().get(grace.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // every member was sent SIGKILL above, which it cannot refuse
                } catch (ExecutionException | TimeoutException e) {
                    throw new ChildJvmException("process " + member.pid() + " of child '" + name
                            + "' survived destroyForcibly for " + grace, e);
                }
            }
            try {
                groupGone.get(grace.toNanos(), TimeUnit.NANOSECONDS); // those whose parent was gone before the tree was walked
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                throw new ChildJvmException("the process group of child '" + name + "' was not killed within " + grace, e);
            }
        } finally {
            LiveChildren.forget(process);
        }
    }
}
