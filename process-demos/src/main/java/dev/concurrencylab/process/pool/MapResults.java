package dev.concurrencylab.process.pool;

import dev.concurrencylab.ipc.Codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;

/** The outputs of a submitted map, chunk by chunk in input order. */
final class MapResults<I, O> implements Iterator<O> {
    private final PoolTask<I, O> task;
    private final List<Chunk> chunks;
    private int next;
    private Iterator<O> current = Collections.emptyIterator();

    MapResults(PoolTask<I, O> task, List<Chunk> chunks) {
        this.task = task;
        this.chunks = chunks;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && next < chunks.size()) {
            current = decode(chunks.get(next++)).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private List<O> decode(Chunk chunk) {
        byte[] answer;
        try {
            answer = chunk.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the pool", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        ByteBuffer in = ByteBuffer.wrap(answer);
        byte op = in.get();
        int id = in.getInt();
        if (op == PoolProtocol.FAILED) {
            int index = in.getInt();
            throw new TaskFailedException(chunk.start() + index,
                    Codec.STRING.decode(in), Codec.STRING.decode(in), Codec.STRING.decode(in));
        }
        if (op != PoolProtocol.DONE || id != chunk.id()) {
            throw new IllegalStateException("a worker answered chunk " + chunk.id() + " with op " + op + " for chunk " + id);
        }
        int count = PoolProtocol.itemCount(in);
        List<O> outputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outputs.add(PoolProtocol.item(in, task.output()));
        }
        return outputs;
    }
}
