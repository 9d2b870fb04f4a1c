package dev.concurrencylab.exercises.threads;

/*
 * Exercise 01: make a racy counter exact.
 *
 * The task: increment() adds one to a Cell. Ten threads call it at once on one Tally, and every
 * call must count. `cell.write(cell.read() + 1)` on its own is notebook 000's `a[0] += 1`: two
 * threads can both read the same value and one update is lost.
 * The lesson that shows it: race-condition (./concurrency-lab run race-condition).
 * What the grader checks: a forced schedule (your first thread is paused between its read and
 * its write while a second thread increments: the second must wait, not overwrite), then many
 * threads hammering one tally: every increment counted.
 */
public final class Exercise01ExactTally implements Threads.Tally {

    @Override
    public void increment(Threads.Cell cell) {
        throw new UnsupportedOperationException("exercise 01");
    }
}
