package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

/** Exercise 07, solved: the interrupt ends the loop, and the flag is set again for the caller to see. */
public final class Solution07InterruptibleWorker implements Threads.Worker {

    @Override
    public int work(Threads.Units units) {
        int done = 0;
        try {
            while (units.hasNext()) {
                units.doOne();
                done++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }
}
