package dev.concurrencylab.exercises.threads;

import java.time.Duration;

/*
 * Exercise 02: an event that wakes every thread waiting on it.
 *
 * The task: Python's threading.Event, in Java: set(), clear(), isSet(), and await(timeout), which
 * returns true as soon as the event is set (at once if it already is) and false when the timeout
 * passes first. Build it on a monitor (synchronized, wait, notifyAll) or a Lock and Condition.
 * The lesson that shows it: events (./concurrency-lab run events), and its Event class.
 * What the grader checks: await on an unset event times out; on a set one it returns at once;
 * three threads waiting for a minute all wake within seconds of set(); clear() makes it unset.
 */
public final class Exercise02Event implements Threads.Event {

    @Override
    public void set() {
        throw new UnsupportedOperationException("exercise 02");
    }

    @Override
    public void clear() {
        throw new UnsupportedOperationException("exercise 02");
    }

    @Override
    public boolean isSet() {
        throw new UnsupportedOperationException("exercise 02");
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        throw new UnsupportedOperationException("exercise 02");
    }
}
