package dev.concurrencylab.process;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueHost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/*
 * Lesson process-queue: a sender that never stops, and the parent that stops it.
 *
 * Mirrors notebook 003's sender-receiver with processes: a sender Process puts 0, 1, 2, ... on a
 * multiprocessing.Queue every half second, for ever; the parent gets ten, then calls
 * p.terminate(), "don't use join since it runs endlessly". Unlike a thread, a process can be
 * terminated from outside.
 *
 * Here the queue is ipc's socket queue, hosted by the parent; the sender is a child JVM that
 * connects to it. After ten values the parent destroys the sender (ProcessHandle.destroy, the
 * counterpart of terminate()) and waits for it to be gone.
 */
@LessonCard(id = "process-queue", place = "2.5", notebooks = "003",
        title = "A sender child JVM puts for ever; the parent takes ten from the queue, then terminates it",
        keys = {"received", "sender_terminated"})
public final class ProcessQueueLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new ProcessQueueLesson(), args);
    }

    static final int TO_RECEIVE = 10;

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("received_other_items", "the parent did not take 0 to 9 in order",
                        seen -> !seen.longs("received").equals(LongStream.range(0, 10).boxed().toList())),
                Outcome.forbidden("sender_survived", "the sender child JVM was still alive after terminate",
                        seen -> !seen.flag("sender_terminated")));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        Duration period = Duration.ofMillis(context.size(20, 500));
        List<Integer> received = new ArrayList<>();
        boolean terminated;
        int exitCode;
        try (QueueHost host = QueueHost.start();
             QueueClient receiver = QueueClient.connect(host.address());
             ChildJvm sender = ChildJvm.builder(Sender.class).name("sender")
                     .arguments(host.address(), Long.toString(period.toMillis())).start()) {
            for (int i = 0; i < TO_RECEIVE; i++) {
                byte[] item = receiver.poll(Timeouts.seconds(30));
                if (item == null) {
                    throw new IllegalStateException("the sender sent nothing for 30 s: " + sender.stderr());
                }
                received.add(Codec.INT.fromBytes(item));
            }
            sender.handle().destroy(); // p.terminate()
            exitCode = sender.waitFor(Timeouts.seconds(30));
            terminated = !sender.isAlive();
        }
        context.say("received %s; sender terminated: %s (exit code %d)", received, terminated, exitCode);
        return new Observations()
                .put("received", received, "the values the parent took, in order")
                .put("sender_terminated", terminated, "the endless sender was ended from outside")
                .put("sender_exit_code", exitCode, "its exit code (143 = SIGTERM on Linux and macOS)")
                .conclude("received " + received + ", then terminated the sender");
    }

    /** Child JVM: the notebook's sender, putting 0, 1, 2, ... every period, for ever. */
    static final class Sender {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            Duration period = Duration.ofMillis(Long.parseLong(args[1]));
            try (QueueClient queue = QueueClient.connect(args[0])) {
                for (int x = 0; ; x++) {
                    queue.put(Codec.INT.toBytes(x));
                    Thread.sleep(period);
                }
            }
        }
    }
}

/*
 * Run it:
 *     ./concurrency-lab run process-queue          (--quick: every 20 ms instead of the notebook's 0.5 s)
 *
 * What a run shows: the block `<!-- observed process-queue -->` in this module's README.md, which
 * `./concurrency-lab observed process-queue` rewrites from a real run on the reader's machine.
 */
