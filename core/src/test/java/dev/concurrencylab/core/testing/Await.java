package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Waiting on state, never on time, in the manner of the jsr166 TCK: a test waits until a thread
 * is {@code WAITING} or a counter reaches a value, with a timeout that only guards against a hang
 * and comes from the one scale factor ({@link Timeouts}). Built on {@link Poll}, the loop lessons
 * and graders wait with too.
 */
public final class Await {

    /** The default ceiling of a wait, before scaling. Reaching it means the code under test hangs. */
    public static final Duration LONG_DELAY = Duration.ofSeconds(20);

    private Await() {}

    /** Waits until {@code condition} holds; fails with {@code what} if it never does. */
    public static void until(String what, BooleanSupplier condition) {
        Duration limit = Timeouts.scaled(LONG_DELAY);
        if (!Poll.holdsWithin(limit, condition)) {
            throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
        }
    }

    /** Waits until {@code thread} is in one of {@code states} (e.g. parked on a lock). */
    public static void untilState(Thread thread, Thread.State first, Thread.State... more) {
        Set<Thread.State> states = EnumSet.of(first, more);
        Duration limit = Timeouts.scaled(LONG_DELAY);
        if (!Poll.holdsWithin(limit, () -> states.contains(thread.getState()))) {
            throw new AssertionError("waited " + limit.toSeconds() + " s for " + thread.getName() + " to be in " + states
                    + " (is " + thread.getState() + ")");
        }
    }
}
