package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.threads.Threads;

/** Exercise 04, solved: both locks taken in the order of the accounts' ids, whichever way the money goes. */
public final class Solution04LockOrdering implements Threads.Transfers {

    @Override
    public void transfer(Threads.Account from, Threads.Account to, long amount) {
        Threads.Account first = from.id() < to.id() ? from : to;
        Threads.Account second = first == from ? to : from;
        first.lock().lock();
        try {
            second.lock().lock();
            try {
                from.add(-amount);
                to.add(amount);
            } finally {
                second.lock().unlock();
            }
        } finally {
            first.lock().unlock();
        }
    }
}
