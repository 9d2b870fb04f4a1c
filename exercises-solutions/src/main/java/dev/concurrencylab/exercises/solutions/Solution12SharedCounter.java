package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.ipc.Ipc;
import dev.concurrencylab.ipc.SharedLongs;

/** Exercise 12, solved: one atomic read-modify-write (a lock xadd on x86), exact across threads and processes. */
public final class Solution12SharedCounter implements Ipc.SharedIncrement {

    @Override
    public void increment(SharedLongs memory, int slot, int lockSlot) {
        memory.getAndAdd(slot, 1);
    }
}
