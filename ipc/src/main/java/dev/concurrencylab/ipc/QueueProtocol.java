package dev.concurrencylab.ipc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages between a {@link QueueHost} and its {@link QueueClient}s, one per frame, first byte
 * the operation.
 *
 * <pre>
 *   client to host   PUT    items             one or more items to append
 *                    TAKE   max, timeoutMs    up to max items, waiting up to timeoutMs (-1: forever)
 *                    SYNC                     answer once every earlier frame of mine is in the queue
 *                    CLOSE                    goodbye
 *   host to client   ITEMS  items             the answer to TAKE: at least one item, at most max,
 *                                             and no more than fit in one frame
 *                    EMPTY                    the answer to TAKE when the time ran out
 *                    SYNCED                   the answer to SYNC
 *                    REFUSED  reason (UTF-8)   instead of any answer: this client is not served
 *                                             (the host was full when it connected)
 *   items = count (int32), then per item: length (int32), bytes
 * </pre>
 */
final class QueueProtocol {

    static final byte PUT = 1;
    static final byte TAKE = 2;
    static final byte CLOSE = 3;
    static final byte SYNC = 4;
    static final byte ITEMS = 10;
    static final byte EMPTY = 11;
    static final byte SYNCED = 12;
    static final byte REFUSED = 13;

    private QueueProtocol() {}

    static byte[] items(byte op, List<byte[]> items) {
        int size = 1 + 4;
        for (byte[] item : items) {
            size += 4 + item.length;
        }
        ByteBuffer frame = ByteBuffer.allocate(size).put(op).putInt(items.size());
        for (byte[] item : items) {
            frame.putInt(item.length).put(item);
        }
        return frame.array();
    }

    /** The items of a PUT or ITEMS frame; a malformed frame gives an IllegalArgumentException. */
    static List<byte[]> parseItems(ByteBuffer frame) {
        int count = frame.getInt();
        if (count < 0 || count > frame.remaining() / 4) {
            throw new IllegalArgumentException("item count " + count + " does not fit a frame of " + frame.limit() + " bytes");
        }
        List<byte[]> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = frame.getInt();
            if (length < 0 || length > frame.remaining()) {
                throw new IllegalArgumentException("item " + i + " claims " + length + " bytes; " + frame.remaining() + " left");
            }
            byte[] item = new byte[length];
            frame.get(item);
            items.add(item);
        }
        if (frame.hasRemaining()) {
            throw new IllegalArgumentException(frame.remaining() + " bytes after the last item");
        }
        return items;
    }

    static byte[] refused(String why) {
        byte[] reason = why.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + reason.length).put(REFUSED).put(reason).array();
    }

    /** The reason of a REFUSED frame. */
    static String reason(byte[] refused) {
        return new String(refused, 1, refused.length - 1, StandardCharsets.UTF_8);
    }

    static byte[] take(int max, long timeoutMillis) {
        return ByteBuffer.allocate(1 + 4 + 8).put(TAKE).putInt(max).putLong(timeoutMillis).array();
    }
}
