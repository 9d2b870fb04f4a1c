package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Exercise 04. The grader's locks can be interrupted, so that a deadlock it provokes is also ended. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader04LockOrdering {

    /**
     * A lock whose lock() an interrupt ends (with an unchecked exception, since Lock.lock() may
     * not throw InterruptedException). With {@code firstLocks}, a thread that has just taken its
     * first lock of a transfer waits, for a while, until the other thread holds one too: the
     * schedule in which argument-order locking deadlocks.
     */
    static final class GraderLock implements Lock {
        private final ReentrantLock lock = new ReentrantLock();
        private final CountDownLatch firstLocks;
        private static final ThreadLocal<Integer> HELD = ThreadLocal.withInitial(() -> 0);

        GraderLock(CountDownLatch firstLocks) {
            this.firstLocks = firstLocks;
        }

        private void acquired() {
            HELD.set(HELD.get() + 1);
            if (firstLocks != null && HELD.get() == 1) {
                firstLocks.countDown();
                try {
                    firstLocks.await(1, TimeUnit.SECONDS); // the other thread takes its first lock now, if it can
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void lock() {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted by the grader while waiting for a lock");
            }
            acquired();
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            lock.lockInterruptibly();
            acquired();
        }

        @Override
        public boolean tryLock() {
            boolean got = lock.tryLock();
            if (got) {
                acquired();
            }
            return got;
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            boolean got = lock.tryLock(time, unit);
            if (got) {
                acquired();
            }
            return got;
        }

        @Override
        public void unlock() {
            lock.unlock();
            HELD.set(HELD.get() - 1);
        }

        @Override
        public Condition newCondition() {
            return lock.newCondition();
        }
    }

    /**
     * Whether threads this check started are deadlocked: those of its own thread group, not those
     * of another grading that runs in the same JVM at the same time.
     */
    private static boolean deadlocked() {
        long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
        if (ids == null) {
            return false;
        }
        Set<Long> deadlocked = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        ThreadGroup mine = Thread.currentThread().getThreadGroup();
        Thread[] ours = new Thread[mine.activeCount() + 16]; // room for threads started while it counts
        int count = mine.enumerate(ours, true);
        return Arrays.stream(ours, 0, count).anyMatch(thread -> deadlocked.contains(thread.threadId()));
    }

    @Test
    @Order(1)
    @DisplayName("a to b and b to a at once, each held after its first lock: no deadlock")
    void oppositeTransfers(Subject<Threads.Transfers> subject) throws Exception {
        Threads.Transfers transfers = subject.create();
        CountDownLatch firstLocks = new CountDownLatch(2);
        Threads.Account a = new Threads.Account(1, 100, new GraderLock(firstLocks));
        Threads.Account b = new Threads.Account(2, 100, new GraderLock(firstLocks));
        try (Bounded threads = new Bounded()) {
            threads.start("a to b", () -> transfers.transfer(a, b, 10));
            threads.start("b to a", () -> transfers.transfer(b, a, 30));
            Bounded.until(() -> threads.allEnded(Duration.ZERO) || deadlocked(), Bounded.MUST_HAPPEN);
            assertThat(deadlocked()).withFailMessage("deadlock: 'a to b' held account 1 and waited for account 2 while "
                    + "'b to a' held account 2 and waited for account 1").isFalse();
            assertThat(threads.allEnded(Duration.ZERO)).withFailMessage("the two transfers had not ended after %d s",
                    Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the transfers");
        }
        assertThat(List.of(a.balance(), b.balance())).withFailMessage("balances %d and %d after moving 10 one way and 30 "
                + "the other, expected 120 and 80", a.balance(), b.balance()).isEqualTo(List.of(120L, 80L));
    }

    @Test
    @Order(2)
    @DisplayName("8 threads x 2 000 random transfers among 4 accounts: no deadlock, no money made or lost")
    void randomTransfers(Subject<Threads.Transfers> subject) throws Exception {
        Threads.Transfers transfers = subject.create();
        List<Threads.Account> accounts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accounts.add(new Threads.Account(i + 1, 1_000, new GraderLock(null)));
        }
        try (Bounded threads = new Bounded()) {
            for (int t = 0; t < 8; t++) {
                Random random = new Random(t);
                threads.start("transfers-" + t, () -> {
                    for (int i = 0; i < 2_000; i++) {
                        int from = random.nextInt(4);
                        int to = (from + 1 + random.nextInt(3)) % 4;
                        transfers.transfer(accounts.get(from), accounts.get(to), random.nextInt(10));
                    }
                });
            }
            Bounded.until(() -> threads.allEnded(Duration.ZERO) || deadlocked(), Bounded.MUST_HAPPEN);
            assertThat(deadlocked()).withFailMessage("the transfers deadlocked").isFalse();
            assertThat(threads.allEnded(Duration.ZERO)).withFailMessage("the transfers had not ended after %d s",
                    Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("the transfers");
        }
        long total = accounts.stream().mapToLong(Threads.Account::balance).sum();
        assertThat(total).withFailMessage("the 4 accounts hold %,d after the transfers, not the 4,000 they started with", total)
                .isEqualTo(4_000);
    }
}
