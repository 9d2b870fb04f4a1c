package dev.concurrencylab.threading;

import dev.concurrencylab.core.Poll;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.threading.support.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/*
 * Lesson thread-queue: a sender, a receiver, and how to stop the sender.
 *
 * Mirrors notebook 003's threading "classy way": a class starts a sender thread that puts 0, 1,
 * 2, ... on a queue.Queue every half second; run() takes ten of them, sets an exit Event, and
 * joins the sender, which checks the event before each put. (Threads have no terminate(), the
 * notebook notes, so the sender must stop itself.)
 *
 * Java's queue.Queue is a BlockingQueue: put() and take() block, offer() and poll() can give up
 * after a timeout. Two refinements over the notebook: the sender waits on the Event rather than
 * sleeping, so a set() stops it at once and not half a second later; and a receiver blocked in
 * take() on an empty queue is the case a flag cannot reach at all.
 */
@LessonCard(id = "thread-queue", place = "1.8", notebooks = "003",
        title = "Sender and receiver over a BlockingQueue; stop event, poison pill, blocked take()",
        keys = {"received", "sender_stopped"})
public final class ThreadQueueLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ThreadQueueLesson(), args);
    }

    static final int TO_RECEIVE = 10;
    /** The poison pill: a value no producer sends as data. */
    static final int POISON = -1;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("received_other_items", "the receiver did not get 0 to 9 in order",
                        seen -> !seen.longs("received").equals(LongStream.range(0, 10).boxed().toList())),
                Outcome.forbidden("sender_ran_on", "the sender did not stop after the Event was set",
                        seen -> !seen.flag("sender_stopped")),
                Outcome.forbidden("poison_pill_ignored", "the poison pill did not end the consumer",
                        seen -> !seen.flag("poison_pill_stopped")),
                Outcome.forbidden("interrupt_did_not_wake", "interrupt() did not wake a receiver blocked in take()",
                        seen -> !seen.flag("blocked_take_woken_by_interrupt")),
                Outcome.forbidden("poison_pill_lost_items", "the consumer did not take 0 to 9 before the poison pill",
                        seen -> !seen.longs("poison_pill_consumed").equals(LongStream.range(0, 10).boxed().toList())),
                Outcome.forbidden("flag_woke_a_blocked_take", "a stop flag reached a receiver blocked in take()",
                        seen -> !seen.flag("flag_left_take_blocked")));
    }

    /** The notebook's class A: a sender thread started in the constructor, a receiver in run(). */
    static final class SenderReceiver {
        private final BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        private final Event exit = new Event();
        private final Thread sender;

        SenderReceiver(Duration period) {
            sender = Thread.ofPlatform().name("sender").start(() -> {
                try {
                    for (int x = 0; !exit.isSet(); x++) {
                        queue.put(x);
                        exit.await(period); // wakes at once when exit is set
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Takes ten values, then stops and joins the sender; returns what it took. */
        List<Integer> run(Duration limit) throws InterruptedException {
            List<Integer> received = new ArrayList<>();
            try {
                for (int i = 0; i < TO_RECEIVE; i++) {
                    Integer x = queue.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
                    if (x == null) {
                        throw new IllegalStateException("the sender sent nothing for " + limit);
                    }
                    received.add(x);
                }
            } finally {
                exit.set();
                sender.join(limit);
            }
            return received;
        }

        boolean senderStopped() {
            return !sender.isAlive();
        }
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Observations seen = new Observations();
        Duration limit = Timeouts.seconds(20);

        /* Part 1: the classy way. */
        Duration period = Duration.ofMillis(context.size(20, 500));
        SenderReceiver a = new SenderReceiver(period);
        List<Integer> received = a.run(limit);
        context.say("received %s; sender stopped after the exit event: %s", received, a.senderStopped());
        seen.put("received", received, "the ten values the receiver took, in order")
                .put("sender_stopped", a.senderStopped(), "the sender thread ended after the exit event was set");

        /*
         * Part 2: a poison pill. When the producer knows when it is done, it can say so in-band:
         * after the last value it puts a value that means "no more". The consumer needs no flag
         * and no timeout; it just takes until it sees the pill.
         */
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        List<Integer> consumed = new ArrayList<>();
        Thread consumer = Thread.ofPlatform().name("consumer").start(() -> {
            try {
                for (int x = queue.take(); x != POISON; x = queue.take()) {
                    consumed.add(x);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int x = 0; x < TO_RECEIVE; x++) {
            queue.put(x);
        }
        queue.put(POISON);
        boolean consumerStopped = consumer.join(limit);
        context.say("poison pill: consumer took %s and stopped: %s", consumed, consumerStopped); // join: visible
        seen.put("poison_pill_consumed", consumed, "what the consumer took before the pill")
                .put("poison_pill_stopped", consumerStopped, "the consumer ended on the pill");

        /*
         * Part 3: why a flag is not enough for a receiver. This one checks a stop flag, but it is
         * blocked inside take() on an empty queue: it cannot look at the flag until take()
         * returns, and nothing will ever arrive. We raise the flag and the thread stays WAITING.
         * Interrupting it makes take() throw InterruptedException, and it ends.
         */
        AtomicBoolean stop = new AtomicBoolean();
        BlockingQueue<Integer> empty = new LinkedBlockingQueue<>();
        Thread blocked = Thread.ofPlatform().name("blocked-receiver").start(() -> {
            try {
                while (!stop.get()) {
                    empty.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // and end: that is what the interrupt asked
            }
        });
        Poll.until(blocked.getName() + " to block in take()", limit, () -> blocked.getState() == Thread.State.WAITING);
        stop.set(true);
        Thread.State afterFlag = blocked.getState(); // still in take(): the flag cannot reach it
        blocked.interrupt();
        boolean wokenByInterrupt = blocked.join(limit);
        context.say("a receiver blocked in take(): after the stop flag it is %s; after interrupt() it ended: %s",
                afterFlag, wokenByInterrupt);
        seen.put("flag_left_take_blocked", afterFlag == Thread.State.WAITING,
                        "a stop flag did not wake a receiver blocked in take()")
                .put("blocked_take_woken_by_interrupt", wokenByInterrupt, "interrupt() ended the blocked take()");

        return seen.conclude(String.format("received %s, then stopped the sender with an Event; poison pill and interrupt both end a blocked receiver",
                received));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run thread-queue          (--quick: a 20 ms period instead of the notebook's 0.5 s)
 *
 * What a run shows: the block `<!-- observed thread-queue -->` in this module's README.md, which
 * `./concurrency-lab observed thread-queue` rewrites from a real run on the reader's machine.
 */
