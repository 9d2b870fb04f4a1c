package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmBuilder;
import dev.concurrencylab.core.child.StartupArchive;
import dev.concurrencylab.ipc.FrameChannel;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One worker JVM and the frames to it. */
final class WorkerJvm {
    final ChildJvm child;
    final FrameChannel channel;
    final long launchedAt = System.nanoTime();
    // The chunk whose deadline passed, for which the worker was destroyed. A chunk, not a flag: a
    // deadline that fires just as its chunk is answered must not be blamed on the next chunk.
    private volatile Chunk overdue;

    private WorkerJvm(ChildJvm child) {
        this.child = child;
        this.channel = FrameChannel.over(child.stdout(), child.stdin());
    }

    static WorkerJvm launch(int slot, StartupArchive.Kind archive, Consumer<String> taskOutput) {
        String name = "pool-worker-" + slot;
        ChildJvmBuilder builder = ChildJvm.builder(PoolWorker.class).name(name)
                .binaryStdout().timeout(ChildJvm.NO_TIMEOUT).stderrLines(line -> taskOutput.accept(name + ": " + line));
        // The classes a worker loads, archived by the first worker that exits normally (close() lets them).
        StartupArchive.options(archive, "pool-worker").ifPresent(options -> builder.jvmOptions(options.toArray(String[]::new)));
        return new WorkerJvm(builder.start());
    }

    /** Waits (bounded) for the ready frame; returns the start-up time. */
    Duration awaitReady() throws IOException {
        CompletableFuture<byte[]> ready = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                ready.complete(channel.receive());
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        });
        try {
            byte[] frame = ready.get(Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS);
            if (frame == null || frame.length != 0) {
                child.close();
                throw new IOException(child.name() + " did not say ready: " + child.stderr());
            }
            return Duration.ofNanos(System.nanoTime() - launchedAt);
        } catch (TimeoutException e) {
            child.close();
            throw new IOException(child.name() + " did not say ready in time; destroyed");
        } catch (ExecutionException e) {
            child.close();
            throw new IOException(child.name() + " failed before ready: " + child.stderr(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.close();
            throw new IOException("interrupted while starting " + child.name(), e);
        }
    }

    /** Called when a chunk's deadline passes: the worker is destroyed, which ends the read waiting for it. */
    void overdue(Chunk chunk) {
        overdue = chunk;
        child.close();
    }

    /** Whether {@code chunk} ran past its deadline here (and the worker was destroyed for it). */
    boolean wasOverdue(Chunk chunk) {
        return overdue == chunk;
    }

    /** How the worker ended, for a message: its exit code if it exited, else that it stopped answering. */
    String end(int chunk) {
        String who = child.name() + " (pid " + child.pid() + ")";
        return child.exitCode(Timeouts.seconds(2))
                .map(code -> who + " exited with code " + code + " while running chunk " + chunk)
                .orElse(who + " stopped answering while running chunk " + chunk);
    }

    /** Closes its stdin, so that it can exit (and write its archive), and destroys it if it has not after {@code grace}. */
    void stop(Duration grace) {
        closeInput();
        awaitExitThenDestroy(System.nanoTime() + grace.toNanos());
    }

    void awaitExitThenDestroy(long deadlineNanos) {
        try {
            child.handle().onExit().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // destroyed just below
        }
        child.close();
    }

    void closeInput() {
        try {
            child.stdin().close();
        } catch (IOException e) {
            // already gone
        }
    }
}
