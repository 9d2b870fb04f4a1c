package dev.concurrencylab.process.pool;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One worker position of a {@link ProcessPool}, pipelined: up to {@value #IN_FLIGHT} chunks are in
 * the worker's pipe at a time, so that a worker that answers one chunk finds the next one already
 * waiting instead of idling for a round trip. A reader thread of the slot's own takes the answers
 * as they come, in the order the chunks were sent: a sender blocked on a full pipe can then never
 * stop the answers that would let the worker read on.
 *
 * <p>A worker that dies is replaced at once, and every chunk it held is sent again, in order, to
 * the new one: the chunk it was running counts that as its second try (a third is not made), and
 * a chunk that ran past its deadline is not tried again (it would hang again); the chunk waiting
 * behind it never started, so it keeps its tries.
 */
final class WorkerSlot {

    static final int IN_FLIGHT = 2;

    private final ProcessPool pool;
    private final int index;
    // Taken for the whole of a send: a frame stays whole, and the pipe's order is the queue's order.
    private final ReentrantLock sending = new ReentrantLock();
    private final ReentrantLock state = new ReentrantLock();
    private final Condition room = state.newCondition();
    private final ArrayDeque<Sent> inFlight = new ArrayDeque<>(); // guarded by state; the one running first
    private long replacement; // guarded by state: the replacement under way, 0 when none is
    private long replacements; // guarded by state
    private volatile WorkerJvm worker; // null once a replacement could not start one

    private volatile Running running; // the chunk the worker is running, for the pool's watchdog; null when idle

    /** A chunk in a worker's pipe, and how many workers it has been sent to. */
    private static final class Sent {
        final Chunk chunk;
        int tries = 1;

        Sent(Chunk chunk) {
            this.chunk = chunk;
        }
    }

    /** The chunk at the head of a worker's pipe, which it runs, and since when. */
    private record Running(Chunk chunk, WorkerJvm on, long since) {}

    WorkerSlot(ProcessPool pool, int index, WorkerJvm first) {
        this.pool = pool;
        this.index = index;
        this.worker = first;
        pool.startThread("pool-reader-" + index, () -> read(first));
    }

    WorkerJvm worker() {
        return worker;
    }

    /** How many chunks are in the worker's pipe or running now. */
    int inFlight() {
        state.lock();
        try {
            return inFlight.size();
        } finally {
            state.unlock();
        }
    }

    /**
     * Waits until the worker has room for another chunk, takes the next one from {@code chunks} and
     * sends it; false once {@code chunks} is empty. After the pool closed, each chunk taken fails.
     */
    boolean sendNext(Queue<Chunk> chunks) {
        sending.lock();
        try {
            String noWorker = worker == null && !pool.isClosed() ? revive() : null;
            Sent sent;
            WorkerJvm to;
            state.lock();
            try {
                while ((inFlight.size() >= IN_FLIGHT || replacement != 0) && !pool.isClosed()) {
                    room.await();
                }
                Chunk chunk = chunks.poll();
                if (chunk == null) {
                    return false;
                }
                if (pool.isClosed()) {
                    chunk.answer().completeExceptionally(ProcessPool.closedDuringTheMap());
                    return true;
                }
                if (worker == null) {
                    chunk.answer().completeExceptionally(new WorkerDiedException(noWorker != null ? noWorker
                            : "slot " + index + " has no worker: the last one died and could not be replaced"));
                    return true;
                }
                sent = new Sent(chunk);
                inFlight.add(sent);
                if (inFlight.size() == 1) {
                    running = new Running(chunk, worker, System.nanoTime());
                }
                to = worker;
            } finally {
                state.unlock();
            }
            try {
                to.channel.send(sent.chunk.frame().duplicate()); // the frame stays whole, to be sent again if need be
            } catch (IOException gone) {
                // the worker is gone: its reader finds out, and sends this chunk again to the next one
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to send a chunk", e);
        } finally {
            sending.unlock();
        }
    }

    /** Wakes the senders waiting for room, so that they see the pool closed. */
    void wakeSenders() {
        state.lock();
        try {
            room.signalAll();
        } finally {
            state.unlock();
        }
    }

    /**
     * Starts a worker in a slot whose last one could not be replaced (only the thread that holds
     * {@code sending} does, and no reader runs then); returns why it could not, or null.
     */
    private String revive() {
        WorkerJvm fresh;
        try {
            fresh = pool.launch(index);
            fresh.awaitReady();
        } catch (IOException | RuntimeException e) {
            return "no worker could be started in slot " + index + ": " + e.getMessage();
        }
        worker = fresh;
        pool.startThread("pool-reader-" + index, () -> read(fresh));
        if (pool.isClosed()) { // close() may have looked at the slots before the new worker was in this one
            fresh.child.close();
        }
        return null;
    }

    /** The slot's reader: hands each answer to its chunk until the worker's stdout ends, then replaces the worker. */
    private void read(WorkerJvm from) {
        while (true) {
            byte[] answer;
            try {
                answer = from.channel.receive();
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null) {
                replace(from);
                return;
            }
            Sent done;
            state.lock();
            try {
                done = inFlight.poll();
                if (done != null) {
                    running = inFlight.isEmpty() ? null : new Running(inFlight.peek().chunk, from, System.nanoTime());
                    room.signalAll();
                }
            } finally {
                state.unlock();
            }
            if (done == null) {
                from.child.close(); // an answer nobody asked for: the worker is not to be trusted
            } else {
                done.chunk.answer().complete(answer);
            }
        }
    }

    /**
     * Replaces a worker that is gone and sends what it held to the new one. Runs on the dead
     * worker's reader thread, which then ends; the new worker's reader is already reading while the
     * chunks are sent again, so that neither side can wait on a full pipe for ever.
     */
    private void replace(WorkerJvm dead) {
        List<Sent> lost;
        long mine;
        state.lock();
        try {
            lost = new ArrayList<>(inFlight);
            inFlight.clear();
            running = null;
            mine = replacement = ++replacements;
        } finally {
            state.unlock();
        }
        Sent wasRunning = lost.isEmpty() ? null : lost.getFirst();
        String how = wasRunning == null ? dead.child.name() + " (pid " + dead.child.pid() + ") died while idle"
                : dead.wasOverdue(wasRunning.chunk) ? pool.overdueMessage(wasRunning.chunk, dead) : dead.end(wasRunning.chunk.id());
        dead.child.close();
        List<Sent> again = new ArrayList<>();
        for (Sent sent : lost) {
            if (pool.isClosed()) {
                sent.chunk.answer().completeExceptionally(ProcessPool.closedDuringTheMap());
            } else if (sent == wasRunning && dead.wasOverdue(sent.chunk)) {
                sent.chunk.answer().completeExceptionally(new WorkerDiedException(how));
            } else if (sent == wasRunning && sent.tries == 2) {
                sent.chunk.answer().completeExceptionally(new WorkerDiedException(
                        "chunk " + sent.chunk.id() + " lost two workers; the last: " + how));
            } else {
                sent.tries += sent == wasRunning ? 1 : 0;
                again.add(sent);
            }
        }
        WorkerJvm fresh = null;
        if (!pool.isClosed()) {
            try {
                fresh = pool.launch(index);
                fresh.awaitReady();
            } catch (IOException | RuntimeException startFailure) {
                for (Sent sent : again) {
                    sent.chunk.answer().completeExceptionally(new WorkerDiedException(how + "; it could not be replaced: "
                            + startFailure.getMessage()));
                }
                again.clear();
                fresh = null;
            }
        }
        state.lock();
        try {
            worker = fresh;
            inFlight.addAll(again);
            if (fresh != null && !again.isEmpty()) {
                running = new Running(again.getFirst().chunk, fresh, System.nanoTime());
            }
        } finally {
            state.unlock();
        }
        if (fresh != null) {
            WorkerJvm reading = fresh;
            pool.startThread("pool-reader-" + index, () -> read(reading));
            if (pool.isClosed()) { // close() may have looked at the slots before the new worker was in this one
                fresh.child.close();
            }
            for (Sent sent : again) {
                try {
                    fresh.channel.send(sent.chunk.frame().duplicate());
                } catch (IOException gone) {
                    break; // the new worker is gone too: its reader replaces it and sends these again
                }
            }
        } else {
            again.forEach(sent -> sent.chunk.answer().completeExceptionally(ProcessPool.closedDuringTheMap()));
        }
        state.lock();
        try {
            if (replacement == mine) { // else a later replacement is under way, and ends the wait itself
                replacement = 0;
            }
            room.signalAll();
        } finally {
            state.unlock();
        }
    }

    /**
     * Destroys the worker if the chunk it runs started more than {@code deadlineNanos} ago (the
     * pool's watchdog asks every slot, a few times per deadline). One clock read per chunk instead
     * of a timer each: scheduling and cancelling a timer wakes the timer's thread, twice per chunk.
     */
    void destroyIfOverdue(long now, long deadlineNanos) {
        Running chunk = running;
        if (chunk != null && now - chunk.since() > deadlineNanos) {
            chunk.on().overdue(chunk.chunk());
        }
    }
}
