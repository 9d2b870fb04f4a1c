package dev.concurrencylab.ipc;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The queue host's door, on a thread of its own: accepts clients and starts a serving thread for
 * each, up to {@link QueueHost.Limits#maxClients}. Past it, a newcomer takes the slot of the
 * client idle the longest, if that one has been idle for {@link QueueHost.Limits#reclaimAfter};
 * otherwise it is told, in a REFUSED frame, that the host is full. Failures to accept (no file
 * descriptors left) are retried with a growing pause, and logged at most once a second.
 */
final class QueueAcceptor implements Runnable {

    private final Endpoint endpoint;
    private final Set<QueueConnection> clients;
    private final QueueHost.Limits limits;
    private final int maxFrameBytes;
    private final RateLimitedLog acceptLog;
    private final BooleanSupplier closed;
    private final Consumer<QueueConnection> serve;
    private final AtomicLong connections = new AtomicLong();

    QueueAcceptor(Endpoint endpoint, Set<QueueConnection> clients, QueueHost.Limits limits, int maxFrameBytes,
                  RateLimitedLog acceptLog, BooleanSupplier closed, Consumer<QueueConnection> serve) {
        this.endpoint = endpoint;
        this.clients = clients;
        this.limits = limits;
        this.maxFrameBytes = maxFrameBytes;
        this.acceptLog = acceptLog;
        this.closed = closed;
        this.serve = serve;
    }

    @Override
    public void run() {
        long pauseMillis = 0;
        while (!closed.getAsBoolean()) {
            try {
                SocketChannel channel = endpoint.accept();
                pauseMillis = 0;
                if (clients.size() >= limits.maxClients() && !reclaimTheLongestIdle()) {
                    refuse(channel, "the host is full: " + limits.maxClients() + " clients are connected, the limit");
                    acceptLog.log("refused a client: " + limits.maxClients() + " are connected, the limit");
                    continue;
                }
                QueueConnection client = new QueueConnection(channel, name(channel), serve);
                clients.add(client);
                if (closed.getAsBoolean()) {
                    // close() may have copied the clients before this one was in: end it here.
                    clients.remove(client);
                    channel.close();
                    return;
                }
                client.server.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed.getAsBoolean()) {
                    return;
                }
                // Out of file descriptors, typically: retrying at once would spin. Pause, growing to 1 s.
                pauseMillis = Math.min(1000, Math.max(10, pauseMillis * 2));
                acceptLog.log("accept failed: " + e.getMessage() + "; retrying in " + pauseMillis + " ms");
                try {
                    Thread.sleep(pauseMillis);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * When the host is full: closes the client idle the longest, between frames (not one waiting
     * in a TAKE, nor one mid-frame), if it has been idle for {@link QueueHost.Limits#reclaimAfter}. Its
     * serving thread then drops it with the reason, and puts back a batch it had not acknowledged.
     */
    private boolean reclaimTheLongestIdle() {
        long now = System.nanoTime();
        QueueConnection idlest = null;
        long idleNanos = -1;
        for (QueueConnection client : clients) {
            FrameReader reader = client.reader;
            if (reader != null && reader.waitingBetweenFrames() && client.closedFor.get() == null
                    && now - reader.lastProgressNanos() > idleNanos) {
                idlest = client;
                idleNanos = now - reader.lastProgressNanos();
            }
        }
        if (idlest == null || idleNanos < limits.reclaimAfter().toNanos() || !idlest.closedFor.compareAndSet(null,
                "its slot went to a newcomer: idle for " + idleNanos / 1_000_000 + " ms while the host was full")) {
            return false;
        }
        try {
            idlest.channel.close();
        } catch (IOException e) {
            // closed already: its slot is coming free all the same
        }
        return true;
    }

    /**
     * Tells a client it is not served, in a frame ({@link QueueProtocol#REFUSED}) its first
     * answer reads, so that it can say "refused" rather than "the host is gone", then closes.
     */
    private void refuse(SocketChannel channel, String why) {
        try (channel) {
            // A fresh socket's send buffer holds this small frame at once: the acceptor is not held up.
            FrameWriter writer = new FrameWriter(channel, FrameWriter.DEFAULT_BUFFER_BYTES, maxFrameBytes);
            writer.write(QueueProtocol.refused(why));
            writer.flush();
            channel.shutdownOutput();
        } catch (IOException e) {
            // it left already: nothing to tell
        }
    }

    /** "#3" for the third connection, with the peer's address where the transport has one (TCP). */
    private String name(SocketChannel channel) {
        String name = "#" + connections.incrementAndGet();
        try {
            Object remote = channel.getRemoteAddress();
            return remote == null || remote.toString().isEmpty() ? name : name + " (" + remote + ")";
        } catch (IOException e) {
            return name;
        }
    }
}
