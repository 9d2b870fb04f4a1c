package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.Timeouts;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Waiting on state, never on time, in the manner of the jsr166 TCK: a test waits until a thread
 * is {@code WAITING} or a counter reaches a value, with a timeout that only guards against a hang
 * and comes from the one scale factor ({@link Timeouts}).
 */
public final class Await {

    /** The default ceiling of a wait, before scaling. Reaching it means the code under test hangs. */
    public static final Duration LONG_DELAY = Duration.ofSeconds(20);

    private Await() {}

    /** An Awaitility condition factory with the scaled timeout and a fine poll interval. */
    public static ConditionFactory atMostLongDelay() {
        return Awaitility.await()
                .atMost(Timeouts.scaled(LONG_DELAY))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(1));
    }

    /** Waits until {@code condition} holds; fails with {@code what} if it never does. */
    public static void until(String what, BooleanSupplier condition) {
        atMostLongDelay().alias(what).until(condition::getAsBoolean);
    }

    /** Waits until {@code thread} is in one of {@code states} (e.g. parked on a lock). */
    public static void untilState(Thread thread, Thread.State first, Thread.State... more) {
        Set<Thread.State> states = EnumSet.of(first, more);
        atMostLongDelay()
                .alias(thread.getName() + " to be in " + states + " (is " + thread.getState() + ")")
                .until(() -> states.contains(thread.getState()));
    }
}
