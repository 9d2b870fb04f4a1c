package dev.concurrencylab.lab;

import dev.concurrencylab.core.testing.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grading JVM grades its next exercise only if the last grading left no thread of its own
 * behind: a thread the student's code started and did not end (a pool not shut down, a loop)
 * sends the next exercise to a fresh JVM; the JDK's waiting daemons do not.
 */
@Isolated // it compares every thread of this JVM before and after
class GradingChildTest {

    @Test
    void aPoolLeftRunningOrALoopIsLeftBehindAWaitingDaemonIsNot() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Runnable waits = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
        Thread daemon = Thread.ofPlatform().daemon().name("a helper that waits").start(waits);
        Await.untilState(daemon, Thread.State.WAITING);
        assertThat(GradingChild.leftBehind(before)).as("a daemon that waits").isFalse();

        // Not a daemon, as Executors' default thread factory makes them (a builder would copy this thread's status).
        Thread pool = Thread.ofPlatform().daemon(false).name("pool-1-thread-1").start(waits);
        Await.untilState(pool, Thread.State.WAITING);
        assertThat(GradingChild.leftBehind(before)).as("a waiting thread that is not a daemon").isTrue();

        Set<Thread> beforeLoop = Set.copyOf(Thread.getAllStackTraces().keySet());
        Thread loop = Thread.ofPlatform().daemon().name("a loop").start(() -> {
            while (release.getCount() > 0) {
                Thread.onSpinWait();
            }
        });
        assertThat(GradingChild.leftBehind(beforeLoop)).as("a daemon that runs").isTrue();
        release.countDown();
        for (Thread thread : new Thread[] {daemon, pool, loop}) {
            thread.join();
        }
    }
}
