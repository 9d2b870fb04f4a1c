package dev.concurrencylab.exercises.threads;

import java.util.List;
import java.util.function.Function;

/*
 * Exercise 06: Pool.map on threads: results in input order, failures surfaced.
 *
 * The task: apply f to every input on `threads` threads at once and return the results in the
 * inputs' order, whatever order they finish in. If f throws for an input, map throws too, with
 * that exception as its cause, instead of returning a list with a hole in it. Close what you open.
 * The lesson that shows it: thread-pool (./concurrency-lab run thread-pool).
 * What the grader checks: the order, with the first input forced to finish last; the results of
 * 1 000 inputs; a failing input's exception, found in what map throws; and the bound: given 2
 * threads, f never runs more than twice at once.
 */
public final class Exercise06OrderedMap implements Threads.OrderedMap {

    @Override
    public <T, R> List<R> map(List<T> inputs, Function<T, R> f, int threads) throws Exception {
        throw new UnsupportedOperationException("exercise 06");
    }
}
