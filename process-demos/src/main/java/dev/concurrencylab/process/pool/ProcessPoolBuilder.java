package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.Timeouts;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** A pool's settings: where the tasks' printed lines go, and how long a chunk may take. */
public final class ProcessPoolBuilder {
    final int size;
    Consumer<String> taskOutput = System.err::println;
    Duration chunkDeadline = Timeouts.seconds(120);
    Runnable dispatcherThreadEnding = () -> { };

    ProcessPoolBuilder(int size) {
        this.size = size;
    }

    /** Each line a task prints, as {@code pool-worker-N: line}, in the order its worker printed them. */
    public ProcessPoolBuilder taskOutput(Consumer<String> lines) {
        this.taskOutput = Objects.requireNonNull(lines);
        return this;
    }

    /** How long one chunk may run on its worker before the worker is destroyed and the map fails. */
    public ProcessPoolBuilder chunkDeadline(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a chunk deadline must be positive, not " + deadline);
        }
        this.chunkDeadline = deadline;
        return this;
    }

    /**
     * Run last by each dispatcher thread, after its executor is done with it (a test seam:
     * holding a thread there shows whether close() joins it).
     */
    ProcessPoolBuilder dispatcherThreadEnding(Runnable ending) {
        this.dispatcherThreadEnding = Objects.requireNonNull(ending);
        return this;
    }

    /** Starts the workers and waits until all are ready. */
    public ProcessPool start() throws IOException {
        return new ProcessPool(this);
    }
}
