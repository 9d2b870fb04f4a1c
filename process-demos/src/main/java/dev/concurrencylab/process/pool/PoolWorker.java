package dev.concurrencylab.process.pool;

import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.FrameChannel;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker JVM of a {@link ProcessPool}: reads chunks from stdin, runs the named task on each
 * item, answers on stdout, until stdin closes.
 *
 * <p>Stdout carries the frames and nothing else, so before any task runs, {@code System.out} is
 * pointed at stderr: a task may print (the notebooks' workers do), and its lines reach the pool,
 * which shows them, instead of corrupting a frame. Closing {@code System.out} closes nothing.
 */
public final class PoolWorker {

    private PoolWorker() {}

    public static void main(String[] args) throws IOException {
        ChildSide.exitWhenParentDies();
        FrameChannel pool = FrameChannel.ofStandardStreams(); // holds stdout's descriptor itself, not System.out
        System.setOut(new PrintStream(new FilterOutputStream(new FileOutputStream(FileDescriptor.err)) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush(); // a task that closes System.out must not close stderr, nor stop the pool's frames
            }
        }, true, StandardCharsets.UTF_8));
        Map<String, PoolTask<Object, Object>> tasks = new HashMap<>();
        ByteBuffer answer = ByteBuffer.allocate(64 * 1024); // kept: chunk after chunk, answers are built in it
        try (pool) {
            pool.send(new byte[0]); // ready
            // Each chunk is read in place and its answer written in place: no array per item or frame.
            for (ByteBuffer chunk; (chunk = pool.receiveView()) != null; ) {
                if (chunk.get() != PoolProtocol.CHUNK) {
                    throw new IllegalStateException("expected a CHUNK frame");
                }
                int id = chunk.getInt();
                boolean wantResults = Codec.BOOLEAN.decode(chunk);
                String taskClass = Codec.STRING.decode(chunk);
                answer = run(tasks, id, wantResults, taskClass, chunk, answer);
                pool.send(answer.flip());
            }
        }
    }

    /** Runs the task on every item of {@code chunk}; returns the buffer holding the answer (grown if {@code answer} was too small). */
    private static ByteBuffer run(Map<String, PoolTask<Object, Object>> tasks, int id, boolean wantResults,
                                  String taskClass, ByteBuffer chunk, ByteBuffer answer) {
        PoolTask<Object, Object> task;
        int count;
        try {
            task = tasks.computeIfAbsent(taskClass, PoolWorker::load);
            count = PoolProtocol.itemCount(chunk);
        } catch (RuntimeException e) {
            return failed(answer, id, 0, e);
        }
        answer = PoolProtocol.done(answer, id, wantResults ? count : 0);
        for (int i = 0; i < count; i++) {
            try {
                Object output = task.apply(PoolProtocol.item(chunk, task.input()));
                if (wantResults) {
                    answer = PoolProtocol.putItem(answer, task.output(), output);
                }
            } catch (Exception | Error e) {
                return failed(answer, id, i, e);
            }
        }
        return answer;
    }

    private static ByteBuffer failed(ByteBuffer answer, int id, int index, Throwable failure) {
        byte[] frame = PoolProtocol.failed(id, index, failure);
        return Codec.ensure(answer.clear(), frame.length).put(frame);
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
