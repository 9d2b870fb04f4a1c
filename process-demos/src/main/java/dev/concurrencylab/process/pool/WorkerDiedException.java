package dev.concurrencylab.process.pool;

/** A worker JVM died while running a chunk, and the retry on a fresh worker failed too. */
public final class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkerDiedException(String message) {
        super(message);
    }
}
