package dev.concurrencylab.threading.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cycle is read from the deadlock section of a thread dump, in the two forms HotSpot prints. */
class RecordedDeadlockTest {

    @Test
    void aCycleOfJavaUtilConcurrentLocksIsReadFromItsOwnersNotFromTheStacks() {
        String dump = """
                "main" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition
                   java.lang.Thread.State: TIMED_WAITING (sleeping)

                Found one Java-level deadlock:
                =============================
                "crossing-1":
                  waiting for ownable synchronizer 0x000000069ee42640, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),
                  which is held by "crossing-2"

                "crossing-2":
                  waiting for ownable synchronizer 0x000000069ee42610, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),
                  which is held by "crossing-1"

                Java stack information for the threads listed above:
                ===================================================
                "crossing-1":
                	at jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)
                """;
        assertThat(RecordedDeadlock.cycle(dump)).containsExactly("crossing-1 waits for crossing-2", "crossing-2 waits for crossing-1");
    }

    @Test
    void aCycleOfMonitorsIsReadToo() {
        String dump = """
                Found one Java-level deadlock:
                =============================
                "t2":
                  waiting to lock monitor 0x00007f005c001450 (object 0x000000069e5e00c8, a java.lang.Object),
                  which is held by "t1"

                "t1":
                  waiting to lock monitor 0x00007f0050002540 (object 0x000000069e5e00d8, a java.lang.Object),
                  which is held by "t2"

                Java stack information for the threads listed above:
                """;
        assertThat(RecordedDeadlock.cycle(dump)).containsExactly("t1 waits for t2", "t2 waits for t1");
    }

    @Test
    void aDumpWithoutADeadlockHasNoCycle() {
        assertThat(RecordedDeadlock.cycle("\"main\" #1 prio=5\n   java.lang.Thread.State: RUNNABLE\n")).isEmpty();
    }
}
