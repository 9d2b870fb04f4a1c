package dev.concurrencylab.explorer;

import dev.concurrencylab.exercises.threads.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.concurrencylab.explorer.ScenarioThreads.create;
import static dev.concurrencylab.explorer.ScenarioThreads.runThreads;

/**
 * The explored checks of the thread exercises whose bugs hide in one interleaving. Each runs a
 * handful of named threads on the student's object; the scheduler switches between them at every
 * lock, wait, notify, park and join (not at plain reads and writes of fields: where a check needs
 * a switch between a read and a write, the grader's own object offers one with {@code Thread.yield()}).
 */
final class Scenarios {

    private Scenarios() {}

    /** The scenarios of exercise {@code number}; none for an exercise without one. */
    static List<Scenario> of(String number) {
        return switch (number) {
            case "01" -> List.of(new Scenario("explored: two increments, their reads and writes in %d schedules", 200,
                    Scenarios::twoIncrements));
            case "02" -> List.of(new Scenario("explored: a waiter and a setter in %d schedules: await() returns true once set() ran", 300,
                    Scenarios::setWakesWaiter));
            case "03" -> List.of(new Scenario("explored: two producers and two consumers on a buffer of capacity 1, two items "
                    + "each, in %d schedules", 1_000, Scenarios::producersAndConsumers));
            case "04" -> List.of(new Scenarios.Transfers().scenario());
            case "05" -> List.of(new Scenario("explored: run() returns only after every consumer has delivered and ended, in %d schedules", 500,
                    Scenarios::pipelineEnds));
            case "06" -> List.of(new Scenario("explored: three inputs on two threads in %d schedules: results in input order, "
                    + "never more than two at once", 300, Scenarios::orderedOnTwoThreads));
            case "07" -> List.of(new Scenario("explored: an interrupt during the work, in %d schedules: work() stops and leaves the flag set", 300,
                    Scenarios::interruptAnywhere));
            default -> List.of();
        };
    }

    // Exercise 01 ------------------------------------------------------------------------------

    /** A plain cell whose read offers the scheduler a switch before the caller can write. */
    static final class YieldingCell implements Threads.Cell {
        private long value;

        @Override
        public long read() {
            long read = value;
            Trace.event("reads " + read);
            Thread.yield(); // the switch point between this read and the caller's write
            return read;
        }

        @Override
        public void write(long newValue) {
            Trace.event("writes " + newValue);
            value = newValue;
        }
    }

    private static void twoIncrements(Class<?> implementation) throws Exception {
        Threads.Tally tally = create(implementation);
        YieldingCell cell = new YieldingCell();
        Map<String, ScenarioThreads.Work> work = new LinkedHashMap<>();
        work.put("increment-1", () -> tally.increment(cell));
        work.put("increment-2", () -> tally.increment(cell));
        runThreads(work);
        if (cell.value != 2) {
            throw new AssertionError("the cell ends at " + cell.value + " after 2 increments: an update was lost");
        }
    }

    // Exercise 03 ------------------------------------------------------------------------------

    /** The capacity where a wake-up that reaches the wrong waiter needs the fewest threads to show. */
    private static final int EXPLORED_CAPACITY = 1;

    private static void producersAndConsumers(Class<?> implementation) throws Exception {
        Threads.BoundedBuffer buffer = create(implementation, EXPLORED_CAPACITY);
        int producers = 2;
        int consumers = 2;
        int perProducer = EXPLORED_CAPACITY + 1; // so that a producer meets a full buffer and a consumer an empty one
        int total = producers * perProducer;
        Counts counts = new Counts(EXPLORED_CAPACITY);
        Map<String, ScenarioThreads.Work> work = new LinkedHashMap<>();
        List<Integer> put = new ArrayList<>();
        for (int p = 1; p <= producers; p++) {
            int base = 100 * p;
            work.put("producer-" + p, () -> produce(buffer, base, perProducer, counts));
            for (int i = 1; i <= perProducer; i++) {
                put.add(base + i);
            }
        }
        List<List<Integer>> tookBy = new ArrayList<>();
        for (int c = 1; c <= consumers; c++) {
            List<Integer> took = new ArrayList<>();
            tookBy.add(took);
            int takes = total / consumers + (c <= total % consumers ? 1 : 0);
            work.put("consumer-" + c, () -> consume(buffer, takes, took, counts));
        }
        runThreads(work);
        List<Integer> took = new ArrayList<>();
        tookBy.forEach(took::addAll);
        Collections.sort(took);
        if (!took.equals(put)) {
            throw new AssertionError("put " + put + ", the consumers took " + took);
        }
        for (List<Integer> one : tookBy) {
            for (int p = 1; p <= producers; p++) {
                int producer = p;
                List<Integer> fromProducer = one.stream().filter(item -> item / 100 == producer).toList();
                if (!fromProducer.equals(fromProducer.stream().sorted().toList())) {
                    throw new AssertionError("a consumer took one producer's items out of order: " + fromProducer);
                }
            }
        }
    }

    /**
     * Puts that returned and takes that began: the buffer holds at least the difference (a take
     * removes at most one item), so a difference above the capacity proves a put that did not wait.
     */
    private record Counts(int capacity, AtomicInteger putsReturned, AtomicInteger takesBegun) {
        Counts(int capacity) {
            this(capacity, new AtomicInteger(), new AtomicInteger());
        }
    }

    private static void produce(Threads.BoundedBuffer buffer, int base, int count, Counts counts) throws InterruptedException {
        for (int i = 1; i <= count; i++) {
            Trace.event("calls put(" + (base + i) + ")");
            buffer.put(base + i);
            Trace.event("put(" + (base + i) + ") returned");
            int held = counts.putsReturned().incrementAndGet() - counts.takesBegun().get();
            if (held > counts.capacity()) {
                throw new AssertionError("put(" + (base + i) + ") returned while the buffer held at least " + held
                        + " items; its capacity is " + counts.capacity());
            }
        }
    }

    private static void consume(Threads.BoundedBuffer buffer, int count, List<Integer> took, Counts counts) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Trace.event("calls take()");
            counts.takesBegun().incrementAndGet();
            int item = buffer.take();
            Trace.event("take() returned " + item);
            took.add(item);
        }
    }

    // Exercise 04 ------------------------------------------------------------------------------

    /** Two transfers in opposite directions between two accounts whose locks say who holds them. */
    static final class Transfers {

        Scenario scenario() {
            return new Scenario("explored: transfers both ways between two accounts at once, their locks in %d schedules", 200,
                    this::run);
        }

        private void run(Class<?> implementation) throws Exception {
            Threads.Transfers transfers = create(implementation);
            Threads.Account first = new Threads.Account(1, 100, new TracingLock("account 1"));
            Threads.Account second = new Threads.Account(2, 100, new TracingLock("account 2"));
            Map<String, ScenarioThreads.Work> work = new LinkedHashMap<>();
            work.put("transfer-1", () -> transfers.transfer(first, second, 10));
            work.put("transfer-2", () -> transfers.transfer(second, first, 20));
            runThreads(work);
            if (first.balance() != 110 || second.balance() != 90) {
                throw new AssertionError("after moving 10 from account 1 to 2 and 20 back, the balances are "
                        + first.balance() + " and " + second.balance() + " (expected 110 and 90)");
            }
        }
    }

    // Exercise 05 ------------------------------------------------------------------------------

    private static void pipelineEnds(Class<?> implementation) throws Exception {
        Threads.Pipeline pipeline = create(implementation);
        List<Thread> made = Collections.synchronizedList(new ArrayList<>());
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        List<Integer> items = List.of(1, 2, 3);
        pipeline.run(items, 2, task -> {
            Thread thread = new Thread(task, "consumer-" + (made.size() + 1));
            made.add(thread);
            return thread;
        }, item -> {
            Trace.event("delivers " + item);
            delivered.add(item);
        });
        Trace.event("run() returned");
        for (Thread thread : List.copyOf(made)) {
            if (thread.isAlive()) {
                throw new AssertionError("run() returned while " + thread.getName() + " was still running (delivered so far: "
                        + List.copyOf(delivered) + ")");
            }
        }
        List<Integer> sorted = delivered.stream().sorted().toList();
        if (!sorted.equals(items)) {
            throw new AssertionError("handed " + items + " to run(), the sink got " + List.copyOf(delivered));
        }
    }

    // Exercise 02 ------------------------------------------------------------------------------

    private static void setWakesWaiter(Class<?> implementation) throws Exception {
        Threads.Event event = create(implementation);
        boolean[] returned = new boolean[1];
        Map<String, ScenarioThreads.Work> work = new LinkedHashMap<>();
        work.put("waiter", () -> {
            Trace.event("await(60 s)");
            returned[0] = event.await(Duration.ofSeconds(60));
            Trace.event("await returned " + returned[0]);
        });
        work.put("setter", () -> {
            Trace.event("set()");
            event.set();
        });
        runThreads(work);
        if (!returned[0]) {
            throw new AssertionError("await() returned false although set() ran while it waited (or before)");
        }
    }

    // Exercise 06 ------------------------------------------------------------------------------

    private static void orderedOnTwoThreads(Class<?> implementation) throws Exception {
        Threads.OrderedMap map = create(implementation);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> results = map.map(List.of(1, 2, 3), input -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            Trace.event("applies f(" + input + "), " + now + " at once");
            Thread.yield(); // a switch point inside f: another input may start meanwhile
            running.decrementAndGet();
            return input * 10;
        }, 2);
        Trace.event("map returned " + results);
        if (!List.of(10, 20, 30).equals(results)) {
            throw new AssertionError("map of [1, 2, 3] with x -> 10x returned " + results);
        }
        if (most.get() > 2) {
            throw new AssertionError("f ran for " + most.get() + " inputs at once on a bound of 2 threads");
        }
    }

    // Exercise 07 ------------------------------------------------------------------------------

    /** Units whose doOne() ends with InterruptedException when the thread is interrupted, and notices being called after one. */
    static final class InterruptibleUnits implements Threads.Units {
        private int left = 3;
        private boolean threw;
        private String calledAfterInterrupt = "";

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public void doOne() throws InterruptedException {
            if (threw) {
                calledAfterInterrupt = "doOne() was called again after it had thrown InterruptedException";
            }
            if (Thread.interrupted()) {
                threw = true;
                Trace.event("doOne() throws InterruptedException");
                throw new InterruptedException("interrupted in doOne()");
            }
            Trace.event("doOne()");
            Thread.yield(); // where a sleep would be: the interrupt may come now
            left--;
        }
    }

    private static void interruptAnywhere(Class<?> implementation) throws Exception {
        Threads.Worker worker = create(implementation);
        InterruptibleUnits units = new InterruptibleUnits();
        String[] problem = {""};
        Thread working = new Thread(() -> {
            int done = worker.work(units);
            boolean flag = Thread.currentThread().isInterrupted();
            Trace.event("work() returned " + done + ", interrupt flag " + (flag ? "set" : "clear"));
            // Judged only when doOne() reported the interrupt. An interrupt that comes after the last unit is the
            // caller's to see, and under Fray 0.9.2 isInterrupted() did not always show it (seen with a correct worker).
            if (units.threw && !flag) {
                problem[0] = "work() returned with the interrupt flag clear after doOne() had thrown InterruptedException";
            }
        }, "worker");
        Thread interrupter = new Thread(() -> {
            Trace.event("interrupts worker");
            working.interrupt();
        }, "interrupter");
        working.start();
        interrupter.start();
        working.join();
        interrupter.join();
        if (!units.calledAfterInterrupt.isEmpty()) {
            throw new AssertionError(units.calledAfterInterrupt);
        }
        if (!problem[0].isEmpty()) {
            throw new AssertionError(problem[0]);
        }
    }
}
