package dev.concurrencylab.threading;

import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.TestThreads;
import dev.concurrencylab.threading.support.Event;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class EventTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @Test
    void awaitWithATimeoutReturnsFalseWhileUnset() throws InterruptedException {
        Event event = new Event();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ofMillis(1))).isFalse();
    }

    @Test
    void setWakesAWaiter() throws Throwable {
        Event event = new Event();
        AtomicBoolean woke = new AtomicBoolean();
        Thread waiter = threads.start("waiter", () -> woke.set(event.await(Duration.ofDays(1))));
        Await.untilState(waiter, Thread.State.TIMED_WAITING);
        event.set();
        threads.joinAll();
        assertThat(woke).isTrue();
    }

    @Test
    void clearLowersTheFlagForReuse() throws InterruptedException {
        Event event = new Event();
        event.set();
        assertThat(event.await(Duration.ZERO)).isTrue();
        event.clear();
        assertThat(event.isSet()).isFalse();
        assertThat(event.await(Duration.ofMillis(1))).isFalse();
    }
}
