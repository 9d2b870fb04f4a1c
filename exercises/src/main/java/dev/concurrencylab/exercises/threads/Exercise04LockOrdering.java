package dev.concurrencylab.exercises.threads;

/*
 * Exercise 04: transfers that cannot deadlock.
 *
 * The task: move money between two accounts while holding both accounts' locks (always unlock
 * in a finally). Taking them in argument order deadlocks when one thread moves a to b while
 * another moves b to a: each holds one lock and waits for the other. Take them in one global
 * order instead (by account id).
 * The lesson that shows it: locks (./concurrency-lab run locks).
 * What the grader checks: a forced schedule (a to b and b to a started together, each thread
 * held after its first lock until the other has one too, if it can) ends without a deadlock;
 * then many threads transferring at random: no money made or lost.
 */
public final class Exercise04LockOrdering implements Threads.Transfers {

    @Override
    public void transfer(Threads.Account from, Threads.Account to, long amount) {
        throw new UnsupportedOperationException("exercise 04");
    }
}
