package dev.concurrencylab.exercises.monitors;

import dev.concurrencylab.exercises.Exercises;
import dev.concurrencylab.exercises.Grading;
import dev.concurrencylab.exercises.threads.Threads;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The check that chooses whom notify() wakes: it stalls the monitor buffer that wakes with
 * notify() on every run, with the schedule in words, and passes the one that wakes with
 * notifyAll(), so it is the choice of waiter that decides, not the scenario.
 */
class ChosenWakeUpsTest {

    private static final String CHECK = "every notify() wakes the waiter least able to use it";

    /** The monitor buffer done right: while, and notifyAll, so no waiter is left behind. */
    public static final class NotifyAllBuffer implements Threads.BoundedBuffer {
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final int capacity;

        public NotifyAllBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public synchronized void put(int item) throws InterruptedException {
            while (items.size() == capacity) {
                wait();
            }
            items.addLast(item);
            notifyAll();
        }

        @Override
        public synchronized int take() throws InterruptedException {
            while (items.isEmpty()) {
                wait();
            }
            int item = items.removeFirst();
            notifyAll();
            return item;
        }
    }

    /** The same with notify(): a put can wake a put. */
    public static final class NotifyBuffer implements Threads.BoundedBuffer {
        private final Object lock = new Object(); // a private monitor: the rewrite follows wait and notify to any object
        private final ArrayDeque<Integer> items = new ArrayDeque<>();
        private final int capacity;

        public NotifyBuffer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void put(int item) throws InterruptedException {
            synchronized (lock) {
                while (items.size() == capacity) {
                    lock.wait();
                }
                items.addLast(item);
                lock.notify();
            }
        }

        @Override
        public int take() throws InterruptedException {
            synchronized (lock) {
                while (items.isEmpty()) {
                    lock.wait();
                }
                int item = items.removeFirst();
                lock.notify();
                return item;
            }
        }
    }

    private static Grading.Check chosenWakeUpsCheck(Class<?> buffer) {
        Grading.Grade grade = Grading.forced(Exercises.find("03").orElseThrow(), buffer.getName());
        return grade.checks().stream().filter(check -> check.name().contains(CHECK)).findFirst().orElseThrow();
    }

    @Test
    void aBufferThatWakesWithNotifyStallsOnEveryRunAndTheTraceSaysHow() {
        for (int run = 1; run <= 3; run++) {
            Grading.Check check = chosenWakeUpsCheck(NotifyBuffer.class);
            assertThat(check.passed()).as("run %d", run).isFalse();
            assertThat(check.observed()).startsWith("every thread left waits on the buffer and only another waiting thread could wake it")
                    .contains("consumer-1 in take()", "producer-1 in put()", "producer-2 in put()");
            assertThat(check.trace()).contains("where the threads wait:", "what the threads did, in order:")
                    .anySatisfy(line -> assertThat(line).contains("producer-2: notify() in put() wakes producer-1 in put()"));
        }
    }

    @Test
    void theSameBufferWithNotifyAllPassesTheSameSchedule() {
        Grading.Check check = chosenWakeUpsCheck(NotifyAllBuffer.class);
        assertThat(check.passed()).as(check.observed()).isTrue();
    }

    @Test
    void outsideAGradersRunTheCallsAreObjectsOwn() throws Exception {
        MonitorCalls.Copy<Threads.BoundedBuffer> copy = MonitorCalls.copyOf(NotifyBuffer.class, Threads.BoundedBuffer.class);
        assertThat(copy.reroutedCalls()).isEqualTo(4);
        assertThat(copy.type()).isNotEqualTo(NotifyBuffer.class);
        Threads.BoundedBuffer buffer = copy.type().getConstructor(int.class).newInstance(1);
        buffer.put(7);
        assertThat(buffer.take()).isEqualTo(7);
        assertThatThrownBy(() -> ChosenWakeUps.notifyOn(new Object())).isInstanceOf(IllegalMonitorStateException.class);
        assertThat(MonitorCalls.copyOf(NotifyAllBuffer.class, Threads.BoundedBuffer.class).reroutedCalls()).isEqualTo(4);
    }

    /** A buffer whose waits and notifies sit in a helper class of the same package: the helper is copied too, so they are rerouted. */
    @Test
    void aHelperOfTheSamePackageThatWaitsAndNotifiesIsReroutedToo() throws Exception {
        MonitorCalls.Copy<Threads.BoundedBuffer> copy = MonitorCalls.copyOf(
                dev.concurrencylab.exercises.monitors.helper.BufferWithAHelper.class, Threads.BoundedBuffer.class);
        Threads.BoundedBuffer buffer = copy.type().getConstructor(int.class).newInstance(1);
        buffer.put(7); // the helper is loaded, by the copy's loader, on its first use
        assertThat(buffer.take()).isEqualTo(7);
        Class<?> helper = copy.type().getDeclaredField("monitor").getType();
        assertThat(helper.getClassLoader()).as("the helper's loader").isSameAs(copy.type().getClassLoader());
        assertThat(chosenWakeUpsCheck(dev.concurrencylab.exercises.monitors.helper.BufferWithAHelper.class).observed())
                .startsWith("every thread left waits on the buffer and only another waiting thread could wake it")
                .contains("in waitWhile()");
    }
}
