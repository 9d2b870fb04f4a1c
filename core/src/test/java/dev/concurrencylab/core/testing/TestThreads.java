package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.Timeouts;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Threads started by a test, and what became of them. Register it as a field:
 *
 * <pre>{@code
 * @RegisterExtension final TestThreads threads = new TestThreads();
 * ...
 * Thread t = threads.start("taker", () -> assertThat(queue.take()).isEqualTo(1));
 * }</pre>
 *
 * <p>An assertion that fails in a worker is carried back to the test thread (JUnit only sees
 * failures of the test thread). After each test every thread started here is joined; one still
 * alive after the scaled timeout is interrupted and fails the test, so no test leaks a thread.
 */
public final class TestThreads implements AfterEachCallback {

    /** Code a test thread runs; it may throw anything. */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    private final List<Thread> started = new ArrayList<>();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Starts a platform thread named {@code name} running {@code body}. */
    public Thread start(String name, Body body) {
        Thread thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                body.run();
            } catch (Throwable failure) {
                failures.add(failure);
            }
        });
        started.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Joins every thread started so far and rethrows the first failure of any of them.
     *
     * @throws AssertionError when a thread is still alive after the scaled timeout
     */
    public void joinAll() throws Throwable {
        Duration timeout = Timeouts.scaled(Await.LONG_DELAY);
        List<String> stuck = new ArrayList<>();
        for (Thread thread : started) {
            if (!thread.join(timeout)) {
                stuck.add(thread.getName() + " (" + thread.getState() + ")");
                thread.interrupt();
                thread.join(timeout);
            }
        }
        started.clear();
        Throwable first = failures.poll();
        if (first != null) {
            failures.forEach(first::addSuppressed);
            failures.clear();
            throw first;
        }
        if (!stuck.isEmpty()) {
            throw new AssertionError("threads still alive after " + timeout + ": " + stuck);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            joinAll();
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
