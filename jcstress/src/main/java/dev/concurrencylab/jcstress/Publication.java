package dev.concurrencylab.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * One thread builds an object and stores the reference in a shared field; another reads the
 * field and, if it is set, the object's value. Without a happens-before edge the reader may see
 * the reference before the constructor's write: an object that looks unbuilt.
 */
public final class Publication {

    private Publication() {}

    static final class Box {
        int value;

        Box(int value) {
            this.value = value;
        }
    }

    static final class FinalBox {
        final int value;

        FinalBox(int value) {
            this.value = value;
        }
    }

    /** Broken: a plain field, a plain reference. The JMM allows 0 (x86 never shows it; ARM can). */
    @JCStressTest
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "not published yet")
    @Outcome(id = "42", expect = ACCEPTABLE, desc = "published, value seen")
    @Outcome(id = "0", expect = ACCEPTABLE_INTERESTING, desc = "published, value not seen yet: a half-built object")
    @State
    public static class Racy {
        Box box;

        @Actor
        public void writer() {
            box = new Box(42);
        }

        @Actor
        public void reader(I_Result r) {
            Box seen = box;
            r.r1 = seen == null ? -1 : seen.value;
        }
    }

    /** Fixed one way: final fields are frozen at the end of the constructor (JLS 17.5). */
    @JCStressTest
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "not published yet")
    @Outcome(id = "42", expect = ACCEPTABLE, desc = "published, value seen")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "a final field seen before it was set")
    @State
    public static class FinalField {
        FinalBox box;

        @Actor
        public void writer() {
            box = new FinalBox(42);
        }

        @Actor
        public void reader(I_Result r) {
            FinalBox seen = box;
            r.r1 = seen == null ? -1 : seen.value;
        }
    }

    /** Fixed the other way: a volatile reference; its write happens-before the read that sees it. */
    @JCStressTest
    @Outcome(id = "-1", expect = ACCEPTABLE, desc = "not published yet")
    @Outcome(id = "42", expect = ACCEPTABLE, desc = "published, value seen")
    @Outcome(id = "0", expect = FORBIDDEN, desc = "a volatile publication seen half-built")
    @State
    public static class VolatileReference {
        volatile Box box;

        @Actor
        public void writer() {
            box = new Box(42);
        }

        @Actor
        public void reader(I_Result r) {
            Box seen = box;
            r.r1 = seen == null ? -1 : seen.value;
        }
    }
}
