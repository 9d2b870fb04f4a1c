package dev.concurrencylab.exercises.monitors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Object's {@code wait}, {@code notify} and {@code notifyAll}, as a copy of a student's class
 * calls them once {@link MonitorCalls} has rerouted them here: the same contract, except that the
 * grader chooses which waiter a {@code notify()} wakes, and when a woken thread goes on.
 *
 * <p>The Java Language Specification lets {@code notify()} wake any one waiter and lets a woken
 * thread be slow to take the monitor back. HotSpot happens to wake the longest waiter, and
 * schedulers made for exploring (Fray) run the woken thread first; a buffer whose producers and
 * consumers wait on one monitor and wake each other with {@code notify()} passes under both. Here
 * a {@code notify()} wakes the waiter least able to use what changed: one that waits in the same
 * method as the thread that notifies (a put woken by a put), the longest-waiting of them, and
 * another only when there is none. A woken thread goes on only when the grader lets it, one at a
 * time, once every other thread waits or has ended; so the schedule is the same on every run.
 *
 * <p>Each waiter waits for its own ticket: a real {@code wait()} on the same monitor in a loop,
 * which a release ends with {@code notifyAll()}; the others find their ticket not released and
 * wait again. Outside a grader's run (no instance installed) the calls are Object's own.
 */
public final class ChosenWakeUps {

    private static volatile ChosenWakeUps installed;

    /** The calls are rerouted for the whole JVM: gradings running side by side choose one at a time. */
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1, true);

    /** One call of wait() that has not returned. */
    private static final class Ticket {
        final Object monitor;
        final Thread thread;
        final String method;
        final String where;
        final boolean timed;
        volatile boolean released;
        volatile boolean inWait;

        Ticket(Object monitor, Thread thread, StackWalker.StackFrame caller, boolean timed) {
            this.monitor = monitor;
            this.thread = thread;
            this.method = caller == null ? "?" : caller.getMethodName();
            this.where = caller == null ? "?" : caller.getFileName() + ":" + caller.getLineNumber();
            this.timed = timed;
        }

        String describe() {
            return brief() + " (" + where + ")";
        }

        String brief() {
            return thread.getName() + " in " + method + "()";
        }
    }

    private final Object guard = new Object();
    private final List<Ticket> waiting = new ArrayList<>(); // in their monitor's wait set, oldest first; guarded by guard
    private final Deque<Ticket> woken = new ArrayDeque<>(); // chosen, not yet let go; guarded by guard
    private final Map<Thread, Ticket> ticketOf = new IdentityHashMap<>(); // guarded by guard
    private final List<String> trace = new ArrayList<>(); // guarded by guard
    private long leftOut; // events past MOST_EVENTS; guarded by guard

    /** A student's loop that notifies without end would otherwise fill the heap with its trace. */
    private static final int MOST_EVENTS = 200;

    private ChosenWakeUps() {}

    /**
     * Starts choosing: the rerouted calls of every thread now go through the returned instance
     * until it is uninstalled. Waits while another grading's instance is installed.
     */
    public static ChosenWakeUps install() throws InterruptedException {
        ONE_AT_A_TIME.acquire();
        ChosenWakeUps wakeUps = new ChosenWakeUps();
        installed = wakeUps;
        return wakeUps;
    }

    /** Stops choosing; a thread still waiting stays in its wait until interrupted. */
    public void uninstall() {
        if (installed == this) {
            installed = null;
            ONE_AT_A_TIME.release();
        }
    }

    // The calls MonitorCalls reroutes here. Each takes the object Object's method was called on.

    public static void waitOn(Object monitor) throws InterruptedException {
        ChosenWakeUps wakeUps = installed;
        if (wakeUps == null) {
            monitor.wait();
        } else {
            wakeUps.await(monitor, false);
        }
    }

    public static void waitOn(Object monitor, long millis) throws InterruptedException {
        ChosenWakeUps wakeUps = installed;
        if (wakeUps == null || millis < 0) {
            monitor.wait(millis); // a negative time is Object's IllegalArgumentException
        } else {
            wakeUps.await(monitor, millis > 0);
        }
    }

    public static void waitOn(Object monitor, long millis, int nanos) throws InterruptedException {
        ChosenWakeUps wakeUps = installed;
        if (wakeUps == null || millis < 0 || nanos < 0 || nanos > 999_999) {
            monitor.wait(millis, nanos);
        } else {
            wakeUps.await(monitor, millis > 0 || nanos > 0);
        }
    }

    public static void notifyOn(Object monitor) {
        ChosenWakeUps wakeUps = installed;
        if (wakeUps == null) {
            monitor.notify();
        } else {
            wakeUps.wake(monitor, false);
        }
    }

    public static void notifyAllOn(Object monitor) {
        ChosenWakeUps wakeUps = installed;
        if (wakeUps == null) {
            monitor.notifyAll();
        } else {
            wakeUps.wake(monitor, true);
        }
    }

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** The student's frame that called wait or notify: the first one outside this class. */
    private static StackWalker.StackFrame caller() {
        return WALKER.walk(frames -> frames.filter(frame -> !frame.getClassName().equals(ChosenWakeUps.class.getName()))
                .findFirst().orElse(null));
    }

    private static void mustOwn(Object monitor) {
        if (!Thread.holdsLock(monitor)) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
    }

    private void await(Object monitor, boolean timed) throws InterruptedException {
        mustOwn(monitor);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Ticket ticket = new Ticket(monitor, Thread.currentThread(), caller(), timed);
        synchronized (guard) {
            waiting.add(ticket);
            ticketOf.put(ticket.thread, ticket);
            addEvent(ticket.thread.getName() + ": waits in " + ticket.method + "() (" + ticket.where + ")");
        }
        try {
            while (!ticket.released) {
                ticket.inWait = true;
                monitor.wait();
                ticket.inWait = false;
            }
        } finally {
            ticket.inWait = false;
            synchronized (guard) {
                waiting.remove(ticket);
                woken.remove(ticket);
                ticketOf.remove(ticket.thread);
            }
        }
    }

    private void wake(Object monitor, boolean everyone) {
        mustOwn(monitor);
        StackWalker.StackFrame caller = caller();
        String method = caller == null ? "?" : caller.getMethodName();
        String who = Thread.currentThread().getName() + ": " + (everyone ? "notifyAll()" : "notify()") + " in " + method + "()";
        synchronized (guard) {
            List<Ticket> candidates = waiting.stream().filter(ticket -> ticket.monitor == monitor).toList();
            if (candidates.isEmpty()) {
                addEvent(who + " wakes no one: no thread waits");
                return;
            }
            List<Ticket> chosen = everyone ? candidates : List.of(candidates.stream()
                    .filter(ticket -> ticket.method.equals(method)).findFirst().orElse(candidates.getFirst()));
            waiting.removeAll(chosen);
            woken.addAll(chosen);
            addEvent(who + " wakes " + names(chosen) + (everyone ? "" : " (waiting: " + names(candidates) + ")"));
        }
    }

    private static String names(Collection<Ticket> tickets) {
        return String.join(", ", tickets.stream().map(Ticket::brief).toList());
    }

    /** Records a line of the run in the trace, in the order things happened. */
    public void note(String line) {
        synchronized (guard) {
            addEvent(line);
        }
    }

    public List<String> trace() {
        synchronized (guard) {
            List<String> lines = new ArrayList<>(trace);
            if (leftOut > 0) {
                lines.add("(" + leftOut + " later events left out)");
            }
            return lines;
        }
    }

    /** Adds an event to the trace, or counts it past the first {@link #MOST_EVENTS}; the caller holds {@code guard}. */
    private void addEvent(String line) {
        if (trace.size() < MOST_EVENTS) {
            trace.add(line);
        } else {
            leftOut++;
        }
    }

    /**
     * Whether {@code thread} has nothing left to do until someone acts: it has ended, or it sits
     * in a wait no one has let go yet (a real wait, seen in its state), or it waits elsewhere (a
     * Condition, a join), where this class does not choose.
     */
    public boolean still(Thread thread) {
        Thread.State state = thread.getState();
        if (state == Thread.State.TERMINATED) {
            return true;
        }
        Ticket ticket;
        synchronized (guard) {
            ticket = ticketOf.get(thread);
        }
        if (ticket == null) {
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        }
        return !ticket.released && ticket.inWait && state == Thread.State.WAITING;
    }

    /**
     * Lets the thread woken longest ago go on, as if it had just taken its monitor back; or, when
     * {@code timeUp}, a timed waiter no one woke, as if its time had run out. Empty when there was none.
     */
    public Optional<String> letOneGo(boolean timeUp) {
        Ticket next;
        synchronized (guard) {
            next = timeUp ? waiting.stream().filter(ticket -> ticket.timed).findFirst().orElse(null) : woken.peekFirst();
            if (next == null) {
                return Optional.empty();
            }
            addEvent(next.thread.getName() + (timeUp ? ": its timed wait runs out" : ": goes on"));
        }
        synchronized (next.monitor) {
            next.released = true;
            next.monitor.notifyAll(); // the other waiters find their tickets not released and wait again
        }
        return Optional.of(next.describe());
    }

    /** Where each thread that waits now waits: "consumer-2 in take() (Buffer.java:31)". */
    public List<String> waiters() {
        synchronized (guard) {
            return waiting.stream().map(Ticket::describe).toList();
        }
    }
}
