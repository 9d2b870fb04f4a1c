package dev.concurrencylab.exercises;

import java.util.List;

/**
 * A check's failure that comes with the schedule that led to it, line by line: {@code check NN}
 * prints the lines under the failure and {@code --json} carries them as {@code trace}, as for an
 * explored check.
 */
public final class TracedFailure extends AssertionError {

    private final transient List<String> trace;

    public TracedFailure(String message, List<String> trace) {
        super(message);
        this.trace = List.copyOf(trace);
    }

    public List<String> trace() {
        return trace;
    }
}
