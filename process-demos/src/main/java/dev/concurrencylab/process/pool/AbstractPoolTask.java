package dev.concurrencylab.process.pool;

import dev.concurrencylab.ipc.Codec;

/**
 * A {@link PoolTask} that is given its codecs once, so that a task class says only what it
 * computes:
 *
 * <pre>{@code
 * public static final class Square extends AbstractPoolTask<Integer, Long> {
 *     public Square() { super(Codec.INT, Codec.LONG); }
 *     public Long apply(Integer x) { return (long) x * x; }
 * }
 * }</pre>
 */
public abstract class AbstractPoolTask<I, O> implements PoolTask<I, O> {

    private final Codec<I> input;
    private final Codec<O> output;

    protected AbstractPoolTask(Codec<I> input, Codec<O> output) {
        this.input = input;
        this.output = output;
    }

    @Override
    public final Codec<I> input() {
        return input;
    }

    @Override
    public final Codec<O> output() {
        return output;
    }
}
