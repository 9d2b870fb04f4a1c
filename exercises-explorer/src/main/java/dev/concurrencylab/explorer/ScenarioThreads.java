package dev.concurrencylab.explorer;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** What every scenario does with the student's class and its threads: build the object, run the named threads, join them. */
final class ScenarioThreads {

    private ScenarioThreads() {}

    static <T> T create(Class<?> implementation) {
        return construct(implementation, "without arguments", new Class<?>[0]);
    }

    /** The same through a public constructor that takes one {@code int}. */
    static <T> T create(Class<?> implementation, int argument) {
        return construct(implementation, "that takes an int", new Class<?>[] {int.class}, argument);
    }

    @SuppressWarnings("unchecked")
    static <T> T construct(Class<?> implementation, String which, Class<?>[] types, Object... arguments) {
        try {
            return (T) implementation.getDeclaredConstructor(types).newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new AssertionError("its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(implementation.getName() + " needs a public constructor " + which, e);
        }
    }

    /** Work for one named thread; what it throws is reported as the check's failure. */
    interface Work {
        void run() throws Exception;
    }

    /** Starts one thread per entry (in the map's order: the schedules must not depend on a hash), named by its key, joins them all, and fails with the first one's exception. */
    static void runThreads(Map<String, Work> work) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        work.forEach((name, body) -> threads.add(new Thread(() -> {
            try {
                body.run();
            } catch (Exception | AssertionError e) {
                Trace.event("throws " + e);
                failures.add(name + " threw " + e);
            } catch (Error e) {
                Trace.freezeAt(e);
                throw e; // the scheduler's own signal (a deadlock found) must reach it
            }
        }, name)));
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(failures.get(0));
        }
    }
}
