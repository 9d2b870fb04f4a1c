package dev.concurrencylab.ipc;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The queue host's watch over slow and silent clients, on a thread of its own. A client that
 * sends part of a frame and then nothing for the {@link QueueHost.Limits#readTimeout read
 * timeout}, or no frame at all for the {@link QueueHost.Limits#idleTimeout idle timeout}, has its
 * connection closed; its serving thread's read then fails and logs the reason recorded here. A
 * consumer waiting in a TAKE is not idle: the host is the one waiting (and it notices a consumer
 * that hangs up meanwhile within {@link HeldItems#CLIENT_CHECK}). The host's other guards: its
 * {@link QueueAcceptor} (the client limit, reclaimed slots, refusals, failed accepts) and the
 * {@link RateLimitedLog}s that count bursts of dropped and departed clients past ten lines a second.
 */
final class ClientTimeouts implements Runnable {

    private final QueueHost.Limits limits;
    private final Set<QueueConnection> clients;
    private final BooleanSupplier closed;
    private final Runnable everyPeriod;

    /** {@code everyPeriod} runs on the watch's thread after each look at the clients (the host sums up its log bursts). */
    ClientTimeouts(QueueHost.Limits limits, Set<QueueConnection> clients, BooleanSupplier closed, Runnable everyPeriod) {
        this.limits = limits;
        this.clients = clients;
        this.closed = closed;
        this.everyPeriod = everyPeriod;
    }

    @Override
    public void run() {
        // A quarter of the shorter timeout, between 5 ms and 1 s: a client is dropped at most a quarter late.
        Duration shortest = limits.readTimeout().compareTo(limits.idleTimeout()) < 0 ? limits.readTimeout() : limits.idleTimeout();
        Duration period = Duration.ofNanos(Math.clamp(shortest.toNanos() / 4, Duration.ofMillis(5).toNanos(), Duration.ofSeconds(1).toNanos()));
        while (!closed.getAsBoolean()) {
            try {
                Thread.sleep(period); // a watch period, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (QueueConnection client : clients) {
                FrameReader reader = client.reader;
                String reason = reader == null ? null : timedOut(reader, now - reader.lastProgressNanos());
                if (reason != null && client.closedFor.compareAndSet(null, reason)) {
                    try {
                        client.channel.close(); // its serving thread's read fails now, and logs the reason
                    } catch (IOException e) {
                        // closed already
                    }
                }
            }
            everyPeriod.run();
        }
    }

    /** Why a client whose reader has waited {@code silentNanos} is to be dropped, or null. */
    String timedOut(FrameReader reader, long silentNanos) {
        if (reader.waitingInFrame() && silentNanos > limits.readTimeout().toNanos()) {
            return "sent part of a frame, then nothing for " + limits.readTimeout().toMillis() + " ms";
        }
        if (reader.waitingBetweenFrames() && silentNanos > limits.idleTimeout().toNanos()) {
            return "sent nothing for " + limits.idleTimeout().toMillis() + " ms";
        }
        return null;
    }
}
