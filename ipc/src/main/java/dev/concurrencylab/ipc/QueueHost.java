package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The process that holds a queue shared by several processes: the counterpart of the manager
 * behind Python's {@code multiprocessing.Queue}.
 *
 * <h2>Overview</h2>
 * The host keeps one deque of byte arrays ({@link HeldItems}) and serves it on an {@link Endpoint}: a
 * Unix-domain socket in a directory only its owner can enter, or TCP 127.0.0.1 where Unix-domain
 * sockets are missing. Clients ({@link QueueClient}) connect to {@link #address()};
 * each gets its own virtual thread here, which reads its frames ({@link QueueProtocol}).
 *
 * <p>Delivery: a batch handed to a consumer stays <em>in flight</em> until that consumer asks for
 * more or closes, which acknowledges it. If the consumer's connection breaks first, the batch goes
 * back to the head of the queue, in order. So while the host lives, every item is delivered to a
 * consumer that acknowledges it exactly once; only a consumer that dies after receiving a batch
 * can see it delivered again elsewhere (at least once, as with any queue without application
 * acknowledgements).
 *
 * <p>A client that breaks the protocol is disconnected with a logged reason and the others carry
 * on; its half frame is dropped whole. The guards against slow, silent and too many clients are
 * {@link Limits}, {@link ClientTimeouts} and {@link QueueAcceptor}; the bytes it holds are bounded
 * by {@link HeldItems}.
 */
public final class QueueHost implements AutoCloseable {

    /**
     * What one host allows its clients.
     *
     * @param maxClients   connections served at once; past them, a newcomer takes the slot of
     *                     the longest-idle client if that one has been idle for {@code reclaimAfter},
     *                     or is refused with a REFUSED frame that says why
     * @param readTimeout  how long a client may leave a frame half sent
     * @param idleTimeout  how long a client may send nothing while the host waits for a frame
     * @param reclaimAfter how long a client must have been idle before a newcomer may take its slot
     * @param maxHeldBytes the bytes of items the host holds (queued, or handed out and not yet
     *                     acknowledged) before a producer's PUT waits for consumers to make room:
     *                     the producer is not read meanwhile, so its own sends wait too; a frame
     *                     over 64 KiB waits before its payload is read, and one larger than the
     *                     budget is refused with a REFUSED frame that says why
     */
    public record Limits(int maxClients, Duration readTimeout, Duration idleTimeout, Duration reclaimAfter, long maxHeldBytes) {

        /** Limits with the default reclaim time and byte budget. */
        public Limits(int maxClients, Duration readTimeout, Duration idleTimeout) {
            this(maxClients, readTimeout, idleTimeout, Timeouts.seconds(60));
        }

        /** Limits with the default byte budget: a quarter of this JVM's heap, at most 1 GiB. */
        public Limits(int maxClients, Duration readTimeout, Duration idleTimeout, Duration reclaimAfter) {
            this(maxClients, readTimeout, idleTimeout, reclaimAfter, Math.min(Runtime.getRuntime().maxMemory() / 4, 1L << 30));
        }

        /**
         * 256 clients, 30 s to finish a frame, 10 minutes of silence, a slot reclaimed after 1
         * minute idle (the times scaled), items held up to a quarter of the heap (at most 1 GiB).
         */
        public static Limits defaults() {
            return new Limits(256, Timeouts.seconds(30), Timeouts.seconds(600));
        }
    }

    /** A client's frame takes at most this much memory before its bytes arrive: 256 stalled clients cost 16 MiB. */
    static final int ALLOCATE_AHEAD_BYTES = 64 * 1024;

    private final HeldItems items;
    private final Endpoint endpoint;
    private final int maxFrameBytes;
    private final Consumer<String> log;
    private final Set<QueueConnection> clients = ConcurrentHashMap.newKeySet();
    private final AtomicLong dropped = new AtomicLong();
    private final Limits limits;
    private final RateLimitedLog acceptLog;
    private final RateLimitedLog dropLog;
    private final RateLimitedLog departureLog;

    /** Lines per second and cause (a dropped client, one gone away) before the rest are counted: a churn of clients cannot flood the log. */
    public static final int LINES_PER_SECOND = 10;
    private final Thread acceptor;
    private final Thread watcher;
    private volatile boolean closed;

    /** Runs in a serving thread after it has left the client set, before it ends (tests hold it there). */
    volatile Runnable afterClientLeft = () -> { };
    /** Runs in close() before it joins the serving threads (tests order the two with it). */
    volatile Runnable beforeJoiningClients = () -> { };

    private QueueHost(Endpoint.Transport transport, int maxFrameBytes, Limits limits, Consumer<String> log) throws IOException {
        this.maxFrameBytes = maxFrameBytes;
        this.limits = limits;
        this.items = new HeldItems(limits.maxHeldBytes());
        this.log = log;
        this.acceptLog = new RateLimitedLog(log, Duration.ofSeconds(1), 1, "refused or failed accepts");
        this.dropLog = new RateLimitedLog(log, Duration.ofSeconds(1), LINES_PER_SECOND, "dropped clients");
        this.departureLog = new RateLimitedLog(log, Duration.ofSeconds(1), LINES_PER_SECOND, "clients gone away");
        VirtualThreadPoller.setUp(); // clients are served on virtual threads, also after descriptors ran out
        this.endpoint = Endpoint.listen(transport);
        acceptor = Thread.ofPlatform().daemon().name("queue-host-acceptor")
                .start(new QueueAcceptor(endpoint, clients, limits, maxFrameBytes, acceptLog, () -> closed, this::serve));
        watcher = Thread.ofPlatform().daemon().name("queue-host-timeouts")
                .start(new ClientTimeouts(limits, clients, () -> closed, this::flushLogs));
    }

    /** A host on a Unix-domain socket if this platform has them, else on TCP loopback. */
    public static QueueHost start() throws IOException {
        return start(Endpoint.bestTransport());
    }

    public static QueueHost start(Endpoint.Transport transport) throws IOException {
        return new QueueHost(transport, Frames.DEFAULT_MAX_FRAME_BYTES, Limits.defaults(),
                message -> System.err.println("queue host: " + message));
    }

    /** A host with its own frame limit and log (tests use both). */
    public static QueueHost start(Endpoint.Transport transport, int maxFrameBytes, Consumer<String> log) throws IOException {
        return new QueueHost(transport, maxFrameBytes, Limits.defaults(), log);
    }

    /** A host with its own frame limit, limits and log. */
    public static QueueHost start(Endpoint.Transport transport, int maxFrameBytes, Limits limits, Consumer<String> log)
            throws IOException {
        return new QueueHost(transport, maxFrameBytes, limits, log);
    }

    /** Where clients connect: {@code unix:/path/queue.sock} or {@code tcp:127.0.0.1:port}. */
    public String address() {
        return endpoint.address();
    }

    /** Items waiting in the queue now (in-flight batches not counted). */
    public int size() {
        return items.size();
    }

    /** Clients disconnected for a protocol violation, a broken frame or a timeout (counted after the log line). */
    public long droppedClients() {
        return dropped.get();
    }

    /** Clients connected now, served or being dropped. */
    public int clientsConnected() {
        return clients.size();
    }

    /** Consumers whose TAKE waits for an item now. */
    public int consumersWaiting() {
        return items.waitingForItems();
    }

    /** Producers whose PUT waits for room in the byte budget now. */
    public int producersWaitingForRoom() {
        return items.waitingForRoom();
    }

    /** Clients connected now whose frame is part read: waiting for the rest of it. */
    public int clientsInAFrame() {
        return (int) clients.stream().map(client -> client.reader).filter(reader -> reader != null && reader.waitingInFrame()).count();
    }

    /** Clients connected now whose serving thread waits for the first byte of their next frame. */
    public int clientsBetweenFrames() {
        return (int) clients.stream().map(client -> client.reader).filter(reader -> reader != null && reader.waitingBetweenFrames()).count();
    }

    /** The parent can use the queue directly too, without a socket; its puts never wait for room, but count. */
    public void put(byte[] item) {
        items.putFromTheHost(item);
    }

    /** The bytes the host holds now: items queued or handed to a consumer and not yet acknowledged, and room made for a frame being read. */
    public long heldBytes() {
        return items.heldBytes();
    }

    private void serve(QueueConnection client) {
        List<byte[]> inFlight = List.of(); // handed to this consumer and not yet acknowledged
        try (FrameReader reader = new FrameReader(client.channel, FrameWriter.DEFAULT_BUFFER_BYTES, maxFrameBytes, ALLOCATE_AHEAD_BYTES);
             FrameWriter writer = new FrameWriter(client.channel, FrameWriter.DEFAULT_BUFFER_BYTES, maxFrameBytes)) {
            client.reader = reader;
            for (int length; (length = reader.nextLength()) >= 0; ) {
                if (length > ALLOCATE_AHEAD_BYTES) {
                    if (!putLargeFrame(client, reader, writer, length)) {
                        return;
                    }
                    continue;
                }
                ByteBuffer message = ByteBuffer.wrap(reader.payload());
                if (!message.hasRemaining()) {
                    throw new IllegalArgumentException("empty frame");
                }
                byte op = message.get();
                switch (op) {
                    case QueueProtocol.PUT -> items.put(QueueProtocol.parseItems(message), reader);
                    case QueueProtocol.TAKE -> {
                        items.acknowledge(inFlight); // asking again acknowledges the last batch
                        inFlight = List.of();
                        int max = message.getInt();
                        long timeoutMillis = message.getLong();
                        if (max < 1) {
                            throw new IllegalArgumentException("TAKE of " + max + " items");
                        }
                        inFlight = items.takeUpTo(max, timeoutMillis, maxFrameBytes, reader);
                        writer.write(inFlight.isEmpty() ? new byte[] {QueueProtocol.EMPTY}
                                : QueueProtocol.items(QueueProtocol.ITEMS, inFlight));
                        writer.flush();
                    }
                    case QueueProtocol.SYNC -> {
                        // Frames of one client are handled in order: every earlier PUT is in the queue.
                        writer.write(new byte[] {QueueProtocol.SYNCED});
                        writer.flush();
                    }
                    case QueueProtocol.CLOSE -> {
                        items.acknowledge(inFlight);
                        inFlight = List.of();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown operation " + op);
                }
            }
        } catch (FrameException | IllegalArgumentException | BufferUnderflowException e) {
            drop(client, client.closedFor.get() != null ? client.closedFor.get()
                    : e instanceof BufferUnderflowException ? "a frame shorter than its operation needs"
                    : Objects.requireNonNullElse(e.getMessage(), e.toString()));
        } catch (IOException e) {
            if (client.closedFor.get() != null) {
                drop(client, client.closedFor.get());
            } else if (!closed) {
                departureLog.log("client " + client.name + " went away: " + e.getMessage());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (OutOfMemoryError e) {
            // This client's frame did not fit: it goes, with what it held, and the others are served.
            drop(client, "its frame did not fit in the heap (" + e.getMessage() + ")");
        } finally {
            clients.remove(client);
            afterClientLeft.run();
            items.putBack(inFlight);
        }
    }

    /**
     * A frame larger than {@link #ALLOCATE_AHEAD_BYTES}, which only a PUT of large items is: room
     * is made for it in the byte budget before its payload is read, so that producers waiting for
     * room cost the host nothing. One larger than the whole budget could never be held: the
     * client is told so in a REFUSED frame, its payload is read past unkept (so that its send
     * ends and it reads the reason), and it is dropped; false then.
     */
    private boolean putLargeFrame(QueueConnection client, FrameReader reader, FrameWriter writer, int length)
            throws IOException, InterruptedException {
        if (length > items.maxHeldBytes()) {
            String why = "a frame of " + length + " bytes is more than the host ever holds (its byte budget is "
                    + items.maxHeldBytes() + " bytes)";
            writer.write(QueueProtocol.refused(why));
            writer.flush();
            reader.skipPayload();
            drop(client, "refused " + why);
            return false;
        }
        items.reserve(length, reader);
        try {
            ByteBuffer message = ByteBuffer.wrap(reader.payload());
            if (message.get() != QueueProtocol.PUT) {
                throw new IllegalArgumentException("a frame of " + length + " bytes that is not a PUT");
            }
            items.putReserved(QueueProtocol.parseItems(message), length);
            return true;
        } catch (Throwable notKept) { // a broken frame, or one the heap could not take: its room is free again
            items.release(length);
            throw notKept;
        }
    }

    /**
     * Logs why a client is dropped (or counts the line, past {@link #LINES_PER_SECOND}), then
     * counts the client: whoever sees the count can see the line or the count that stands for it.
     */
    private void drop(QueueConnection client, String reason) {
        dropLog.log("dropped client " + client.name + ": " + reason);
        dropped.incrementAndGet();
    }

    /** Sums up the bursts of lines not written one by one; the timeout watch calls it every period. */
    void flushLogs() {
        acceptLog.flush();
        dropLog.flush();
        departureLog.flush();
    }

    /** The threads serving clients now (for tests: none may outlive {@link #close()}). */
    List<Thread> servingThreads() {
        return clients.stream().map(client -> client.server).toList();
    }

    /** The host's own threads: the acceptor and the timeout watcher. */
    List<Thread> ownThreads() {
        return List.of(acceptor, watcher);
    }

    /**
     * Stops listening, disconnects every client, interrupts and joins the threads that served
     * them (a consumer blocked in a take included), and removes the socket file and its directory.
     */
    @Override
    public void close() throws IOException {
        closed = true;
        boolean interrupted = false;
        try {
            endpoint.close();
            Duration limit = Timeouts.seconds(10);
            // One snapshot for closing and joining: a serving thread leaves the set in its finally
            // block, before it has ended, so a second copy could miss a thread that is still alive.
            List<QueueConnection> open = List.copyOf(clients);
            for (QueueConnection client : open) {
                client.channel.close();
                client.server.interrupt();
            }
            acceptor.join(limit);
            watcher.interrupt();
            watcher.join(limit);
            beforeJoiningClients.run();
            for (QueueConnection client : open) {
                if (!client.server.join(limit)) {
                    log.accept("a client's thread did not end within " + limit.toSeconds() + " s of close");
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
