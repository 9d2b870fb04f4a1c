package dev.concurrencylab.jcstress;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The events lesson's stop flag: a thread spins until another sets a flag. jcstress's
 * termination mode bounds the test that may hang: if the spinning thread has not stopped some
 * time after the signal, the run is recorded as STALE and the thread is abandoned, not waited for.
 */
public final class StopFlag {

    private StopFlag() {}

    /** Broken: the JIT may read a plain field once and spin on the copy in a register for ever. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spinner saw the flag and stopped")
    @Outcome(id = "STALE", expect = ACCEPTABLE_INTERESTING, desc = "the spinner never saw the flag: the read was hoisted out of the loop")
    @State
    public static class Plain {
        boolean stop;

        @Actor
        public void spinner() {
            while (!stop) {
                // spin: nothing here forces a fresh read of stop
            }
        }

        @Signal
        public void stopper() {
            stop = true;
        }
    }

    /** Fixed: every read of a volatile field goes to memory, so the write is seen. */
    @JCStressTest(Mode.Termination)
    @Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "the spinner saw the flag and stopped")
    @Outcome(id = "STALE", expect = FORBIDDEN, desc = "a volatile write that is never seen")
    @State
    public static class Volatile {
        volatile boolean stop;

        @Actor
        public void spinner() {
            while (!stop) {
                // spin: each iteration reads stop again
            }
        }

        @Signal
        public void stopper() {
            stop = true;
        }
    }
}
