package dev.concurrencylab.process.pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.concurrencylab.ipc.Codec;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Frames between a {@link ProcessPool} and a {@link PoolWorker}, over the worker's stdin/stdout.
 *
 * <pre>
 *   worker, once started   (empty frame)                                   ready
 *   pool to worker         CHUNK  id, wantResults, taskClass, items        run the task on each item
 *   worker to pool         DONE   id, items                                outputs (none if not wanted)
 *                          FAILED id, index, type, message, stackTrace     the task threw on item index
 *   items = count (int32), then per item: length (int32), the item as its task's codec writes it
 * </pre>
 */
final class PoolProtocol {

    static final byte CHUNK = 1;
    static final byte DONE = 2;
    static final byte FAILED = 3;

    private PoolProtocol() {}

    /** A CHUNK frame, ready to send: the items encoded by {@code codec} straight into it, no array per item. */
    static <T> ByteBuffer chunk(int id, boolean wantResults, String taskClass, Codec<T> codec, List<T> items) {
        ByteBuffer out = ByteBuffer.allocate(64 + 16 * items.size()).put(CHUNK).putInt(id);
        out = Codec.BOOLEAN.encode(wantResults, out);
        out = Codec.STRING.encode(taskClass, out);
        out = Codec.ensure(out, 4).putInt(items.size());
        for (T item : items) {
            out = putItem(out, codec, item);
        }
        return out.flip();
    }

    /** Starts a DONE frame in {@code out} (cleared) for {@code count} items, which {@link #putItem} appends. */
    static ByteBuffer done(ByteBuffer out, int id, int count) {
        return Codec.ensure(out.clear(), 9).put(DONE).putInt(id).putInt(count);
    }

    /** Appends one item: its length, then {@code value} as {@code codec} writes it; returns the buffer written to. */
    static <T> ByteBuffer putItem(ByteBuffer out, Codec<T> codec, T value) {
        out = Codec.ensure(out, 4);
        int lengthAt = out.position();
        out.position(lengthAt + 4);
        out = codec.encode(value, out);
        return out.putInt(lengthAt, out.position() - lengthAt - 4);
    }

    /** The item count that starts a list of items, checked against what is left of the frame. */
    static int itemCount(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException("item count " + count + " does not fit the frame");
        }
        return count;
    }

    /** Reads one item written by {@link #putItem}: exactly its bytes, decoded by {@code codec}. */
    static <T> T item(ByteBuffer in, Codec<T> codec) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("item length " + length + " with " + in.remaining() + " bytes left");
        }
        ByteBuffer bytes = in.slice(in.position(), length);
        in.position(in.position() + length);
        return codec.fromBuffer(bytes);
    }

    static byte[] failed(int id, int index, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        ByteBuffer out = ByteBuffer.allocate(256).put(FAILED).putInt(id).putInt(index);
        out = Codec.STRING.encode(failure.getClass().getName(), out);
        out = Codec.STRING.encode(String.valueOf(failure.getMessage()), out);
        out = Codec.STRING.encode(trace.toString(), out);
        return finish(out);
    }

    private static byte[] finish(ByteBuffer out) {
        byte[] frame = new byte[out.position()];
        out.flip().get(frame);
        return frame;
    }
}
