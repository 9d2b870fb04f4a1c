package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmException;
import dev.concurrencylab.ipc.SharedMemory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared counter's start barrier is built on the primitive the lesson tests. A check-in that
 * never arrives (a broken getAndAdd loses it; so does a child that died) must end the child with
 * a message that says so, within the barrier's bound, instead of a spin that lasts until a
 * watchdog kills it minutes later. (The child is told a bound of 1 s instead of the lessons' 10.)
 */
class SharedCounterBarrierTest {

    @Test
    void aCheckInThatNeverArrivesEndsTheChildWithTheReasonWithinTheBound() throws Exception {
        try (SharedMemory memory = SharedMemory.create(5);
             ChildJvm child = ChildJvm.builder(SharedCounterRun.CounterChild.class).name("lonely-incrementer")
                     .arguments(memory.file().toString(), "2", SharedCounterRun.Mapping.BUFFER.name(), "1").start()) { // told of 2 processes; the other never comes
            child.awaitReady(Timeouts.seconds(60));
            long start = System.nanoTime();
            child.sendLine("atomic 10 1");
            assertThatThrownBy(() -> child.awaitLine("done"::equals, Timeouts.seconds(60), "finish atomic"))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining("the start barrier saw 1 of 2 check-ins");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(seconds).as("seconds until the child gave up, told to wait 1 s (scaled)").isLessThan(Timeouts.seconds(30).toSeconds());
            assertThat(memory.getVolatile(SharedCounterRun.ATOMIC)).as("increments done past a broken barrier").isZero();
        }
    }
}
