package dev.concurrencylab.core.gil;

import java.util.concurrent.Callable;

/**
 * What code runs under: the plain JVM, where threads run truly at once, or a simulated CPython
 * interpreter, where a {@link Gil global lock} lets one thread run at a time.
 *
 * <p>Workloads are written once against this interface: they call {@link #tick()} as often as an
 * interpreter would check for a pending switch (once per loop iteration: CPython 3.10 and later
 * check on loop back-edges and calls, earlier versions between almost any two bytecodes), and wrap a
 * blocking call (sleep, I/O) in {@link #blocking}. Under {@link #FREE_THREADED} both cost nothing.
 */
public interface Interpreter {

    /** A blocking action such as a sleep or a read. */
    @FunctionalInterface
    interface BlockingAction {
        void run() throws InterruptedException;
    }

    /** The JVM as it is: no global lock, every thread runs whenever a core is free. */
    Interpreter FREE_THREADED = new Interpreter() {
        @Override
        public <T> T run(Callable<T> code) throws Exception {
            return code.call();
        }

        @Override
        public void tick() {}

        @Override
        public void blocking(BlockingAction action) throws InterruptedException {
            action.run();
        }

        @Override
        public String toString() {
            return "free-threaded JVM";
        }
    };

    /** Runs {@code code} on the calling thread as interpreted code: under a GIL, while holding it. */
    <T> T run(Callable<T> code) throws Exception;

    /** A point where the interpreter may switch to another thread. Called from hot loops. */
    void tick();

    /** Runs a blocking action; under a GIL, with the lock released so other threads can run. */
    void blocking(BlockingAction action) throws InterruptedException;
}
