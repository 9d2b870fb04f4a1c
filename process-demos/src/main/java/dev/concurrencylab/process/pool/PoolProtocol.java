package dev.concurrencylab.process.pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.concurrencylab.ipc.Codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Frames between a {@link ProcessPool} and a {@link PoolWorker}, over the worker's stdin/stdout.
 *
 * <pre>
 *   worker, once started   (empty frame)                                   ready
 *   pool to worker         CHUNK  id, wantResults, taskClass, items        run the task on each item
 *   worker to pool         DONE   id, items                                outputs (none if not wanted)
 *                          FAILED id, index, type, message, stackTrace     the task threw on item index
 *   items = count (int32), then per item: length (int32), bytes
 * </pre>
 */
final class PoolProtocol {

    static final byte CHUNK = 1;
    static final byte DONE = 2;
    static final byte FAILED = 3;

    private PoolProtocol() {}

    static byte[] chunk(int id, boolean wantResults, String taskClass, List<byte[]> items) {
        ByteBuffer out = ByteBuffer.allocate(64).put(CHUNK).putInt(id);
        out = Codec.BOOLEAN.encode(wantResults, out);
        out = Codec.STRING.encode(taskClass, out);
        return finish(putItems(out, items));
    }

    static byte[] done(int id, List<byte[]> items) {
        return finish(putItems(Codec.ensure(ByteBuffer.allocate(64).put(DONE), 4).putInt(id), items));
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

    private static ByteBuffer putItems(ByteBuffer out, List<byte[]> items) {
        out = Codec.ensure(out, 4).putInt(items.size());
        for (byte[] item : items) {
            out = Codec.BYTES.encode(item, out);
        }
        return out;
    }

    static List<byte[]> items(ByteBuffer in) {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException("item count " + count + " does not fit the frame");
        }
        List<byte[]> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(Codec.BYTES.decode(in));
        }
        return items;
    }

    private static byte[] finish(ByteBuffer out) {
        byte[] frame = new byte[out.position()];
        out.flip().get(frame);
        return frame;
    }
}
