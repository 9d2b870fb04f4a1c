package dev.concurrencylab.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.util.concurrent.atomic.AtomicInteger;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The notebooks' {@code a[0] += 1}, two threads at once, each once: the total is 2, or 1 when
 * one thread's write covers the other's (both read 0). The race-condition lesson's claims, held
 * to the tool that tries every interleaving the hardware and the JIT produce.
 */
public final class ReadModifyWrite {

    private ReadModifyWrite() {}

    /** Broken: a read, an add and a write, with nothing between the threads. */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments counted")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "a lost update: both read 0")
    @State
    public static class Plain {
        int counter;

        @Actor
        public void first() {
            counter++;
        }

        @Actor
        public void second() {
            counter++;
        }

        @Arbiter
        public void total(I_Result r) {
            r.r1 = counter;
        }
    }

    /** Still broken: volatile makes each read and each write visible, not the pair atomic. */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments counted")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING, desc = "a lost update: volatile does not make ++ atomic")
    @State
    public static class Volatile {
        volatile int counter;

        @Actor
        public void first() {
            counter++;
        }

        @Actor
        public void second() {
            counter++;
        }

        @Arbiter
        public void total(I_Result r) {
            r.r1 = counter;
        }
    }

    /** Fixed: one atomic read-modify-write (a lock-prefixed add on x86, LDADD or a CAS loop on ARM). */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments counted")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "a lost update")
    @State
    public static class Atomic {
        final AtomicInteger counter = new AtomicInteger();

        @Actor
        public void first() {
            counter.incrementAndGet();
        }

        @Actor
        public void second() {
            counter.incrementAndGet();
        }

        @Arbiter
        public void total(I_Result r) {
            r.r1 = counter.get();
        }
    }

    /** Fixed: the read and the write inside one monitor, which only one thread holds at a time. */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments counted")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "a lost update")
    @State
    public static class Synchronized {
        int counter;

        @Actor
        public void first() {
            synchronized (this) {
                counter++;
            }
        }

        @Actor
        public void second() {
            synchronized (this) {
                counter++;
            }
        }

        @Arbiter
        public void total(I_Result r) {
            synchronized (this) {
                r.r1 = counter;
            }
        }
    }
}
