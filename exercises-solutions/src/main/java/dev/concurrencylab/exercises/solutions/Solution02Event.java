package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

import java.time.Duration;

/** Exercise 02, solved: a flag guarded by the event's monitor; set() wakes every waiter. */
public final class Solution02Event implements Threads.Event {

    private boolean set; // guarded by this

    @Override
    public synchronized void set() {
        set = true;
        notifyAll();
    }

    @Override
    public synchronized void clear() {
        set = false;
    }

    @Override
    public synchronized boolean isSet() {
        return set;
    }

    @Override
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!set) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000)); // a wake-up may be spurious: the loop checks again
        }
        return true;
    }
}
