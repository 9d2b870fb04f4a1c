package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Timeouts;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.ExecuteWatchdog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** How to start a child. Every child has a timeout; the default is two minutes, scaled. */
public final class ChildJvmBuilder {
    private final String mainClass;
    private final List<String> arguments = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC"));
    private final Map<String, String> environment = new HashMap<>();
    private String classPath = System.getProperty("java.class.path");
    private String name;
    private Duration timeout = Timeouts.seconds(120);
    private boolean binaryStdout;
    private boolean treeLeftToTheCaller;
    private Consumer<String> stderrLines = line -> { };
    private Path workingDirectory; // null: the parent's
    private Path java = ChildJvm.javaExecutable();

    ChildJvmBuilder(String mainClass) {
        this.mainClass = mainClass;
        this.name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
    }

    /** A name for messages, e.g. {@code worker-1}. */
    public ChildJvmBuilder name(String name) {
        this.name = Objects.requireNonNull(name);
        return this;
    }

    public ChildJvmBuilder arguments(String... arguments) {
        this.arguments.addAll(List.of(arguments));
        return this;
    }

    public ChildJvmBuilder jvmOptions(String... options) {
        this.jvmOptions.addAll(List.of(options));
        return this;
    }

    /** An environment variable added to the parent's environment. */
    public ChildJvmBuilder environment(String key, String value) {
        this.environment.put(key, value);
        return this;
    }

    public ChildJvmBuilder classPath(String classPath) {
        this.classPath = Objects.requireNonNull(classPath);
        return this;
    }

    /** The {@code java} launcher to start the child with, when it is not the parent's JDK. */
    public ChildJvmBuilder java(Path launcher) {
        this.java = Objects.requireNonNull(launcher);
        return this;
    }

    /** Where the child runs; for a program that writes files into its working directory. */
    public ChildJvmBuilder workingDirectory(Path directory) {
        this.workingDirectory = Objects.requireNonNull(directory);
        return this;
    }

    /** The watchdog: past this the child is killed, with its descendants. */
    public ChildJvmBuilder timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout);
        return this;
    }

    /**
     * Starts the child in this JVM's process group, and does not kill what it leaves behind when
     * it ends: for a tree whose killing is the caller's to get right (a grader checks that a
     * student's code kills every generation, which a group killed on the root's exit would do
     * for it). {@link ChildJvm#close()} still kills the descendants it can find.
     */
    public ChildJvmBuilder treeLeftToTheCaller() {
        this.treeLeftToTheCaller = true;
        return this;
    }

    /**
     * Leaves stdout unread so that the caller can read bytes from {@link ChildJvm#stdout()}; the
     * handshake and {@link ChildJvm#awaitLine} are then unavailable.
     */
    public ChildJvmBuilder binaryStdout() {
        this.binaryStdout = true;
        return this;
    }

    /**
     * Hands {@code sink} each line the child writes to stderr, in order, as it arrives (on the
     * child's stderr reader thread), besides keeping the tail for {@link ChildJvm#stderr()}.
     */
    public ChildJvmBuilder stderrLines(Consumer<String> sink) {
        this.stderrLines = Objects.requireNonNull(sink);
        return this;
    }

    /** The full command line, for messages and for lessons that show it. */
    public List<String> command() {
        return command(ChildJvm.recordingInto());
    }

    private List<String> command(Optional<Path> recordInto) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        recordInto.ifPresent(directory -> {
            // The JVM logs to stdout by default: that would break the ready line and a binary stdout.
            command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr"));
            command.add("-XX:StartFlightRecording:settings=" + directory.resolve(ChildJvm.RECORDING_SETTINGS) + ",filename="
                    + directory.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-%p.jfr") + ",dumponexit=true");
        });
        command.addAll(jvmOptions); // after the recorder's: a child's own logging options still apply
        if (recordInto.isPresent()) {
            // Last, after any -Xlog:disable of the child's own: the recorder announces itself on stdout unless its tag is
            // configured, and an "off" does not count.
            command.add("-Xlog:jfr+startup=error:stderr");
        }
        command.add("-D" + Timeouts.FACTOR_PROPERTY + "=" + Timeouts.factor());
        command.add("-D" + ChildSide.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        String run = System.getenv(ChildJvm.RUN_MARKER);
        if (run != null && !run.isBlank()) {
            command.add("-Dconcurrencylab.run=" + run); // so that ps shows which run a child belongs to
        }
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(arguments);
        return command;
    }

    /**
     * Starts the child. Returns once the OS has created the process; use
     * {@link ChildJvm#awaitReady} to wait for the child's own start-up.
     */
    public ChildJvm start() {
        Optional<Path> recordInto = ChildJvm.recordingInto(); // read once: the command and close() must agree
        boolean leadsAGroup = ProcessGroups.childrenLeadGroups() && !treeLeftToTheCaller;
        List<String> command = leadsAGroup ? ProcessGroups.leading(command(recordInto)) : command(recordInto);
        CommandLine line = new CommandLine(command.get(0));
        command.subList(1, command.size()).forEach(argument -> line.addArgument(argument, false));

        CompletableFuture<Process> launched = new CompletableFuture<>();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        ChildStreams streams = new ChildStreams(name, binaryStdout, stderrLines);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor.Builder<?> executorBuilder = DefaultExecutor.builder().setExecuteStreamHandler(streams);
        if (workingDirectory != null) {
            executorBuilder.setWorkingDirectory(workingDirectory);
        }
        DefaultExecutor executor = executorBuilder.get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // every exit code is an answer, not an error
        executor.setProcessDestroyer(LiveChildren.registration(launched, leadsAGroup));

        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(environment);
        try {
            executor.execute(line, env, new ExecuteResultHandler() {
                @Override
                public void onProcessComplete(int exitValue) {
                    exit.complete(exitValue);
                }

                @Override
                public void onProcessFailed(ExecuteException e) {
                    launched.completeExceptionally(e);
                    exit.completeExceptionally(e);
                }
            });
            Process process = launched.get(Timeouts.seconds(30).toNanos(), TimeUnit.NANOSECONDS);
            // However it ended, what it left goes too (on the JDK's process reaper thread); close() waits for it.
            CompletableFuture<Void> groupGone = leadsAGroup ? process.onExit().thenRun(() -> ProcessGroups.killGroup(process.pid()))
                    : CompletableFuture.completedFuture(null);
            return new ChildJvm(name, process, exit, watchdog, streams, timeout, recordInto.isPresent(), groupGone);
        } catch (IOException | ExecutionException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ChildJvmException("could not start child JVM '" + name + "': "
                    + cause.getMessage() + "\n  command: " + String.join(" ", command), cause);
        } catch (TimeoutException e) {
            throw new ChildJvmException("the OS did not start child JVM '" + name + "' in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException("interrupted while starting child JVM '" + name + "'", e);
        }
    }
}
