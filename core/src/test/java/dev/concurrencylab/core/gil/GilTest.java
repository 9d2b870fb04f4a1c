package dev.concurrencylab.core.gil;

import dev.concurrencylab.core.measure.Measurement;
import dev.concurrencylab.core.measure.ParallelRun;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.TestThreads;
import dev.concurrencylab.core.work.CpuWork;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GilTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @Test
    void aWaiterGetsTheGilFromABusyHolderThroughADropRequest() throws Throwable {
        Gil gil = new Gil(Duration.ofMillis(1));
        AtomicBoolean waiterRan = new AtomicBoolean();
        CountDownLatch holding = new CountDownLatch(1);
        threads.start("holder", () -> gil.run(() -> {
            holding.countDown();
            while (!waiterRan.get()) {
                gil.tick(); // the holder never blocks: only the drop request can get it to let go
            }
            return null;
        }));
        Await.until("the holder to hold the GIL", () -> holding.getCount() == 0);
        threads.start("waiter", () -> gil.run(() -> {
            waiterRan.set(true);
            return null;
        }));
        threads.joinAll();

        assertThat(gil.dropRequests()).isPositive();
        assertThat(gil.handoffs()).isPositive();
    }

    @Test
    void neverTwoThreadsInsideAtOnceWhileTheyKeepSwitching() throws Throwable {
        Gil gil = new Gil(Duration.ofMillis(1));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        for (String name : List.of("a", "b", "c")) {
            threads.start(name, () -> gil.run(() -> {
                while (!enough.get()) {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    inside.decrementAndGet();
                    gil.tick();
                }
                return null;
            }));
        }
        Await.until("30 handoffs between the threads", () -> gil.handoffs() >= 30);
        enough.set(true);
        threads.joinAll();

        assertThat(overlaps).hasValue(0);
    }

    @Test
    void aBlockingCallReleasesTheGilForItsWholeDuration() throws Throwable {
        Gil gil = new Gil();
        CountDownLatch otherThreadRanUnderTheGil = new CountDownLatch(1);
        Thread sleeper = threads.start("sleeper", () -> gil.run(() -> {
            // Stands for a read from a socket: it returns only when the other thread has run.
            gil.blocking(otherThreadRanUnderTheGil::await);
            return null;
        }));
        Await.untilState(sleeper, Thread.State.WAITING);
        threads.start("runner", () -> gil.run(() -> {
            otherThreadRanUnderTheGil.countDown();
            return null;
        }));
        threads.joinAll(); // without the release in blocking(), this would hang and fail
        assertThat(gil.holder()).isNull();
    }

    @Test
    void cpuBoundThreadsUnderTheGilTakeTurnsInsteadOfRunningTogether() throws Exception {
        Gil gil = new Gil();
        long steps = CpuWork.stepsFor(Duration.ofMillis(150));
        Callable<Long> half = () -> gil.run(() -> CpuWork.countdown(steps, gil));

        Measurement twoThreads = ParallelRun.onPlatformThreads(List.of(half, half)).measurement();

        // Parallelism counts only the workers' own CPU time, and a waiting thread is parked, so
        // however many cores there are, and however busy, this cannot exceed 1 by much.
        assertThat(twoThreads.parallelism()).isLessThanOrEqualTo(1.2);
        assertThat(gil.handoffs()).isPositive();
    }

    @Test
    void onlyTheHolderMayRelease() {
        Gil gil = new Gil();
        assertThatThrownBy(gil::release).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessageContaining("does not hold the GIL");
    }

    @Test
    void theSwitchIntervalMustBePositive() {
        assertThatThrownBy(() -> new Gil(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        Gil gil = new Gil();
        gil.setSwitchInterval(Duration.ofMillis(50));
        assertThat(gil.switchInterval()).isEqualTo(Duration.ofMillis(50));
    }
}
