package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

/** Exercise 01, solved: the read and the write under one lock, so that no other increment runs between them. */
public final class Solution01ExactTally implements Threads.Tally {

    private final Object lock = new Object();

    @Override
    public void increment(Threads.Cell cell) {
        synchronized (lock) {
            cell.write(cell.read() + 1);
        }
    }
}
