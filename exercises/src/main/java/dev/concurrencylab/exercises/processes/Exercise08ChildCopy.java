package dev.concurrencylab.exercises.processes;

import java.util.List;

/*
 * Exercise 08: a child JVM has its own copy of everything.
 *
 * The task: start a child JVM (core's ChildJvm.builder(YourChild.class)...start() does the hard
 * parts), send it the list and the value (as arguments or on its stdin), let it append the value
 * to its own list and print its pid and the list, read that back, wait for the child to end,
 * and return what it saw. The parent's list must stay as it was: nothing is shared.
 * The lesson that shows it: memory-isolation (./concurrency-lab run memory-isolation).
 * What the grader checks: the view came from another process (its pid is not ours, and that
 * process has ended), holds the list plus the value, and the caller's list is unchanged.
 */
public final class Exercise08ChildCopy implements Processes.ChildCopy {

    @Override
    public Processes.ChildView appendInChild(List<Integer> list, int value) throws Exception {
        throw new UnsupportedOperationException("exercise 08");
    }
}
