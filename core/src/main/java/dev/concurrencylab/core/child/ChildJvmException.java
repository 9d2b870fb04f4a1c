package dev.concurrencylab.core.child;

/** A child JVM did not behave: it failed to start, never said ready, timed out, or died. */
public final class ChildJvmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChildJvmException(String message) {
        super(message);
    }

    public ChildJvmException(String message, Throwable cause) {
        super(message, cause);
    }
}
