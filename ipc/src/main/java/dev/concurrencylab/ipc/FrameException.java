package dev.concurrencylab.ipc;

import java.io.IOException;

/** A frame could not be read: the bytes on the channel are not what the protocol allows. */
public final class FrameException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Problem {
        /** The first byte of a frame was not {@link Frames#MAGIC}: the peer does not speak this protocol. */
        BAD_MAGIC,
        /** The length field was negative. */
        NEGATIVE_LENGTH,
        /** The length field was over the reader's maximum frame size. */
        TOO_LARGE,
        /** The stream ended inside a frame: the peer died or closed mid-message. */
        TRUNCATED
    }

    private final Problem problem;

    FrameException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
