package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.Timeouts;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The default time limit of every test, setup and teardown method: {@value #BASE_SECONDS} s,
 * stretched by the one timeout factor ({@link Timeouts}). A test that reaches it has hung in
 * spite of its own bounded waits; it gets a thread dump on stderr (who waits on what), its thread
 * is interrupted, and it fails with a {@link TimeoutException}. A method with its own
 * {@link Timeout} keeps that one.
 *
 * <p>Registered for every module by JUnit's extension auto-detection
 * ({@code junit.jupiter.extensions.autodetection.enabled}, set in the parent POM's Surefire and
 * Failsafe configuration) from this test-jar's {@code META-INF/services}.
 */
public final class ScaledTimeout implements InvocationInterceptor {

    /** Longer than any test here needs on a quiet machine by a wide margin; a hang, not a slow test, reaches it. */
    static final long BASE_SECONDS = 300;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("scaled-timeout").factory());

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                    ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                            ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                          ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                         ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> method,
                                        ExtensionContext context) throws Throwable {
        bounded(invocation, method);
    }

    /** Runs the invocation on this thread; past the limit, dumps every thread and interrupts this one. */
    static <T> T bounded(Invocation<T> invocation, ReflectiveInvocationContext<Method> method) throws Throwable {
        if (AnnotationSupport.isAnnotated(method.getExecutable(), Timeout.class)
                || AnnotationSupport.isAnnotated(method.getTargetClass(), Timeout.class)) {
            return invocation.proceed();
        }
        Duration limit = Timeouts.seconds(BASE_SECONDS);
        String name = method.getTargetClass().getSimpleName() + "." + method.getExecutable().getName();
        return bounded(name, limit, invocation);
    }

    static <T> T bounded(String name, Duration limit, Invocation<T> invocation) throws Throwable {
        Thread runner = Thread.currentThread();
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(() -> {
            expired.set(true);
            System.err.printf("%s is still running after %d s (the default limit, scaled); all threads:%n%s",
                    name, limit.toSeconds(), threadDump());
            runner.interrupt();
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            T result = invocation.proceed();
            if (expired.get()) {
                throw timedOut(name, limit, null);
            }
            return result;
        } catch (Throwable failure) {
            throw expired.get() ? timedOut(name, limit, failure) : failure;
        } finally {
            alarm.cancel(false);
            if (expired.get()) {
                Thread.interrupted(); // the interrupt was ours; do not leak it into the next test
            }
        }
    }

    private static TimeoutException timedOut(String name, Duration limit, Throwable cause) {
        TimeoutException timeout = new TimeoutException(name + " timed out after " + limit.toSeconds()
                + " s (the default per-test limit times the timeout factor); the thread dump is on stderr");
        if (cause != null) {
            timeout.initCause(cause);
        }
        return timeout;
    }

    /** Every live thread with its state, the lock it waits for and its stack. */
    static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append(info); // ThreadInfo.toString shows state, lock, owner and the top of the stack
        }
        return dump.toString();
    }
}
