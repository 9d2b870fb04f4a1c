package dev.concurrencylab.ipc;

import java.io.IOException;

/** The queue cannot be used any more: its host is gone, refused this client, or this client was closed. */
public final class QueueClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean refused;

    QueueClosedException(String message, Throwable cause) {
        this(message, cause, false);
    }

    QueueClosedException(String message, Throwable cause, boolean refused) {
        super(message, cause);
        this.refused = refused;
    }

    /** Whether the host never served this client (it was full): nothing this client put was queued. */
    public boolean refused() {
        return refused;
    }
}
