package dev.concurrencylab.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A 64-bit value written whole by one thread and read by another. The JLS (17.7) lets a JVM
 * write a plain {@code long} or {@code double} as two 32-bit halves, so a reader may see half of
 * the new value; a volatile one it must write whole. A 64-bit HotSpot writes both whole, so the
 * broken variant shows nothing here: the rule is for 32-bit platforms.
 */
public final class WordTearing {

    private WordTearing() {}

    /** Allowed to tear: a plain long. */
    @JCStressTest
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "the old value")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "the new value")
    @Outcome(expect = ACCEPTABLE_INTERESTING, desc = "half of each: a torn write (allowed for plain long)")
    @State
    public static class PlainLong {
        long value;

        @Actor
        public void writer() {
            value = -1L;
        }

        @Actor
        public void reader(J_Result r) {
            r.r1 = value;
        }
    }

    /** Never torn: a volatile long is read and written whole. */
    @JCStressTest
    @Outcome(id = "0", expect = ACCEPTABLE, desc = "the old value")
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "the new value")
    @Outcome(expect = FORBIDDEN, desc = "a torn volatile write")
    @State
    public static class VolatileLong {
        volatile long value;

        @Actor
        public void writer() {
            value = -1L;
        }

        @Actor
        public void reader(J_Result r) {
            r.r1 = value;
        }
    }
}
