package dev.concurrencylab.process.pool;

/**
 * A task threw in a worker JVM. Carries what crossed back: the exception's type, its message, and
 * the worker's stack trace as text (the exception object itself is never deserialized).
 */
public final class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int inputIndex;
    private final String remoteType;
    private final String remoteStackTrace;

    TaskFailedException(int inputIndex, String remoteType, String remoteMessage, String remoteStackTrace) {
        super("task failed on input " + inputIndex + ": " + remoteType + ": " + remoteMessage);
        this.inputIndex = inputIndex;
        this.remoteType = remoteType;
        this.remoteStackTrace = remoteStackTrace;
    }

    /** Position of the failing input in the list given to map. */
    public int inputIndex() {
        return inputIndex;
    }

    /** The class name of the exception thrown in the worker. */
    public String remoteType() {
        return remoteType;
    }

    /** The worker's stack trace, as text. */
    public String remoteStackTrace() {
        return remoteStackTrace;
    }
}
