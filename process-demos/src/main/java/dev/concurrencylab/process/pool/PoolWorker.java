package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.FrameChannel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker JVM of a {@link ProcessPool}: reads chunks from stdin, runs the named task on each
 * item, answers on stdout, until stdin closes. Nothing else may be printed to stdout here.
 */
public final class PoolWorker {

    private PoolWorker() {}

    public static void main(String[] args) throws IOException {
        ChildSide.exitWhenParentDies();
        Map<String, PoolTask<Object, Object>> tasks = new HashMap<>();
        try (FrameChannel pool = FrameChannel.ofStandardStreams()) {
            pool.send(new byte[0]); // ready
            for (byte[] frame; (frame = pool.receive()) != null; ) {
                ByteBuffer chunk = ByteBuffer.wrap(frame);
                if (chunk.get() != PoolProtocol.CHUNK) {
                    throw new IllegalStateException("expected a CHUNK frame");
                }
                int id = chunk.getInt();
                boolean wantResults = Codec.BOOLEAN.decode(chunk);
                String taskClass = Codec.STRING.decode(chunk);
                List<byte[]> inputs = PoolProtocol.items(chunk);
                pool.send(run(tasks, id, wantResults, taskClass, inputs));
            }
        }
    }

    private static byte[] run(Map<String, PoolTask<Object, Object>> tasks, int id, boolean wantResults,
                              String taskClass, List<byte[]> inputs) {
        PoolTask<Object, Object> task;
        try {
            task = tasks.computeIfAbsent(taskClass, PoolWorker::load);
        } catch (RuntimeException e) {
            return PoolProtocol.failed(id, 0, e);
        }
        List<byte[]> outputs = new ArrayList<>(wantResults ? inputs.size() : 0);
        for (int i = 0; i < inputs.size(); i++) {
            try {
                Object output = task.apply(task.input().fromBytes(inputs.get(i)));
                if (wantResults) {
                    outputs.add(task.output().toBytes(output));
                }
            } catch (Exception | Error e) {
                return PoolProtocol.failed(id, i, e);
            }
        }
        return PoolProtocol.done(id, outputs);
    }

    /**
     * Loads a task by name, but only a class that implements {@link PoolTask}: a name from the
     * pipe is checked before the class is initialised or anything is constructed (the allow-list).
     */
    @SuppressWarnings("unchecked")
    private static PoolTask<Object, Object> load(String name) {
        try {
            Class<?> type = Class.forName(name, false, PoolWorker.class.getClassLoader());
            if (!PoolTask.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(name + " is not a PoolTask");
            }
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (PoolTask<Object, Object>) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create task " + name + ": " + e, e);
        }
    }
}
