package dev.concurrencylab.ipc;

import java.io.IOException;

/** The queue cannot be used any more: its host is gone, or this client was closed. */
public final class QueueClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    QueueClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
