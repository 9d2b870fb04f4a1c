package dev.concurrencylab.process.pool;

import dev.concurrencylab.ipc.Codec;

/**
 * A function a {@link ProcessPool} can run in its worker JVMs: the Java counterpart of the
 * function you pass to Python's {@code Pool.map}.
 *
 * <p>Python requires that function to be importable (so a worker can find it by name) and its
 * arguments picklable. Here the task is a class on the shared class path with a public no-argument
 * constructor (workers create it by name, and only if it implements this interface), and its
 * input and output cross with explicit {@link Codec}s.
 */
public interface PoolTask<I, O> {

    Codec<I> input();

    Codec<O> output();

    O apply(I input) throws Exception;
}
