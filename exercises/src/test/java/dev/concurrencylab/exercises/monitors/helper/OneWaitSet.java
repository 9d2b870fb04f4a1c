package dev.concurrencylab.exercises.monitors.helper;

import java.util.function.BooleanSupplier;

/** One wait set for producers and consumers, woken with notify(); its caller holds its lock. */
final class OneWaitSet {

    void waitWhile(BooleanSupplier blocked) throws InterruptedException {
        while (blocked.getAsBoolean()) {
            wait();
        }
    }

    void wakeOne() {
        notify();
    }
}
