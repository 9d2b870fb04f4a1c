package dev.concurrencylab.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/**
 * One process's connection to a {@link QueueHost}: {@code put}, {@code take}, {@code poll}, as on
 * Python's {@code multiprocessing.Queue}, plus batch forms for speed.
 *
 * <p>{@link #put} sends one frame per call. {@link #putAll} and {@link #takeBatch} move many items
 * per frame, which is how small messages get past a million per second: the cost of a round trip
 * through the kernel is paid once per batch, not once per item.
 *
 * <p>Not thread-safe: give each thread its own client. If the host dies, every call throws
 * {@link QueueClosedException}; none hangs, because the host's end of the socket closes with it.
 * A host that was full when this client connected refuses it: the first call that finds out
 * (one that reads an answer, or a send after the host has closed its end; {@code close} at the
 * latest) throws a {@link QueueClosedException} whose {@link QueueClosedException#refused()} is
 * true and whose message says why.
 */
public final class QueueClient implements AutoCloseable {

    private final SocketChannel channel;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final String address;
    private boolean closed;
    private long unsynced; // items put since the last sync answered: the host may not have queued them

    private QueueClient(SocketChannel channel, String address) {
        this.channel = channel;
        this.address = address;
        this.reader = new FrameReader(channel);
        this.writer = new FrameWriter(channel);
    }

    /** Connects to the host at {@code address} (as given by {@link QueueHost#address()}). */
    public static QueueClient connect(String address) throws IOException {
        return new QueueClient(Endpoint.connect(address), address);
    }

    /** Appends one item. */
    public void put(byte[] item) throws IOException {
        putAll(List.of(item));
    }

    /** Appends items in order, in one frame. */
    public void putAll(List<byte[]> items) throws IOException {
        send(QueueProtocol.items(QueueProtocol.PUT, items));
        unsynced += items.size();
    }

    /**
     * Returns once the host has put every item this client sent before into the queue. A put
     * returns when its frame is on the socket, not when the host has read it; call this before
     * telling another process "I have sent everything" (for example before a poison pill is put
     * by someone else), or the pill may overtake the last items.
     */
    public void sync() throws IOException {
        byte[] answer;
        try {
            send(new byte[] {QueueProtocol.SYNC});
            answer = receive();
        } catch (QueueClosedException e) {
            unsynced = 0; // this exception is how the caller hears of them
            throw e;
        }
        if (answer[0] != QueueProtocol.SYNCED) {
            throw new FrameException(FrameException.Problem.BAD_MAGIC, "unexpected answer " + answer[0] + " to SYNC");
        }
        unsynced = 0;
    }

    /** Takes the next item, waiting as long as it takes. */
    public byte[] take() throws IOException {
        return takeBatch(1, null).getFirst();
    }

    /** Takes the next item, or returns null if none came within {@code timeout}. */
    public byte[] poll(Duration timeout) throws IOException {
        List<byte[]> batch = takeBatch(1, timeout);
        return batch.isEmpty() ? null : batch.getFirst();
    }

    /**
     * Takes between 1 and {@code max} items, waiting up to {@code timeout} (null: for ever) for the
     * first; returns an empty list if none came. Taking again (or closing) acknowledges this batch
     * to the host.
     */
    public List<byte[]> takeBatch(int max, Duration timeout) throws IOException {
        send(QueueProtocol.take(max, timeout == null ? -1 : Math.max(0, timeout.toMillis())));
        byte[] answer = receive();
        ByteBuffer message = ByteBuffer.wrap(answer);
        byte op = message.get();
        return switch (op) {
            case QueueProtocol.ITEMS -> QueueProtocol.parseItems(message);
            case QueueProtocol.EMPTY -> List.of();
            default -> throw new FrameException(FrameException.Problem.BAD_MAGIC, "unexpected answer " + op + " from the host");
        };
    }

    private void send(byte[] frame) throws IOException {
        if (closed) {
            throw new QueueClosedException("this client was closed", null);
        }
        try {
            writer.write(frame);
            writer.flush();
        } catch (IOException e) {
            throw refusalOrGone(e);
        }
    }

    /**
     * Why a send failed: a host that refused this client closed its end after a REFUSED frame,
     * which may still wait to be read (a broken connection reads what arrived, then its end).
     */
    private QueueClosedException refusalOrGone(IOException sendFailure) {
        try {
            byte[] frame = reader.read();
            if (frame != null && frame.length > 0 && frame[0] == QueueProtocol.REFUSED) {
                return refused(frame);
            }
        } catch (IOException unreadable) {
            // nothing readable left: the host is gone
        }
        return gone(sendFailure);
    }

    private QueueClosedException refused(byte[] frame) {
        return new QueueClosedException("the queue host at " + address + " refused this client: " + QueueProtocol.reason(frame), null, true);
    }

    private byte[] receive() throws IOException {
        byte[] frame;
        try {
            frame = reader.read();
        } catch (FrameException e) {
            throw e;
        } catch (IOException e) {
            throw gone(e);
        }
        if (frame == null || frame.length == 0) {
            throw gone(null);
        }
        if (frame[0] == QueueProtocol.REFUSED) {
            throw refused(frame);
        }
        return frame;
    }

    private QueueClosedException gone(IOException cause) {
        return new QueueClosedException("the queue host at " + address + " is gone", cause);
    }

    /**
     * Waits until everything this client put is in the queue ({@link #sync()}), says goodbye
     * (acknowledging the last batch) and disconnects. A host that is gone is no error for a client
     * with nothing unconfirmed; for one that put items since its last sync, it is: they may be lost.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        long unconfirmed = unsynced;
        try {
            sync();
            send(new byte[] {QueueProtocol.CLOSE});
        } catch (QueueClosedException e) {
            if (e.refused()) {
                throw e; // what this client put never reached the queue: its owner must hear of it
            }
            if (unconfirmed > 0) { // puts the host never confirmed: their owner must hear of them too
                throw new QueueClosedException("the queue host at " + address + " is gone: " + unconfirmed
                        + " items this client put since its last sync may never have reached the queue", e);
            }
            // The host is gone, and it had queued everything this client put: nothing to say goodbye to.
        } finally {
            closed = true;
            channel.close();
        }
    }
}
