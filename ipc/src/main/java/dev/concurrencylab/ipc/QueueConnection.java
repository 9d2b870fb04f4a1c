package dev.concurrencylab.ipc;

import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One connected client: its channel, a name for the log, the thread serving it, its reader
 * once serving has begun (for the timeouts), and why the watcher closed it, if it did.
 */
final class QueueConnection {
    final SocketChannel channel;
    final String name;
    final Thread server;
    volatile FrameReader reader;
    final AtomicReference<String> closedFor = new AtomicReference<>();

    QueueConnection(SocketChannel channel, String name, Consumer<QueueConnection> serve) {
        this.channel = channel;
        this.name = name;
        this.server = Thread.ofVirtual().name("queue-client").unstarted(() -> serve.accept(this));
    }
}
