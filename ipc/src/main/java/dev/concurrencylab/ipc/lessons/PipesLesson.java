package dev.concurrencylab.ipc.lessons;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonCard;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.LessonMain;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Outcome;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.ipc.ChildLink;

import java.util.List;

/*
 * Lesson pipes: two processes, one conversation.
 *
 * Mirrors notebook 003, whose processes talk through multiprocessing's Queue; underneath, that
 * queue is an OS pipe plus pickling (Pipe(duplex=False)), and multiprocessing.Pipe() hands out a
 * connected pair of ends with send() and recv(): on POSIX, by default, a Unix-domain socket pair
 * (a two-way channel), and an OS pipe only with duplex=False. Between a Java parent and a child
 * JVM the natural pipe is the child's stdin and stdout.
 *
 * A pipe is a stream of bytes, not of messages: a write of 100 bytes may arrive as a read of 60
 * and one of 40, and two writes may arrive as one read. The naive "one write, one message" works
 * in a demo and breaks under load. So every message travels as a frame (ipc's Frames: a magic
 * byte, a 4-byte length, the payload), which the reader reassembles whatever the OS did to it.
 * And nothing but frames may go to the child's stdout: a stray println would be read as a broken
 * frame (and reported as one, not silently misread).
 */
@LessonCard(id = "pipes", place = "3.1", notebooks = "003",
        title = "Pipes: length-prefixed frames over a child JVM's stdin and stdout",
        keys = {"messages", "round_trip_us"})
public final class PipesLesson implements Lesson {

    /** Runs this lesson alone, as an IDE runs a class ({@code --quick} for the short run). */
    public static void main(String[] args) throws Exception {
        LessonMain.run(new PipesLesson(), args);
    }

    @Override
    public List<Outcome> outcomes() {
        return List.of(Outcome.forbidden("stream_damaged", "frames streamed to the child arrived out of order, short or altered",
                        seen -> !seen.flag("stream_intact")),
                Outcome.forbidden("no_round_trip", "a round trip took no measurable time",
                        seen -> !(seen.number("round_trip_us") > 0)));
    }

    @Override
    public Observations run(LessonContext context) throws Exception {
        int messages = context.size(2_000, 20_000);
        Observations seen = new Observations().put("messages", messages, "round trips: send a frame, wait for it to come back");

        /* Part 1: ping-pong. One 8-byte frame out, the same frame back, one at a time. */
        Summary roundTrip;
        try (ChildLink echo = ChildLink.open(ChildLink.Kind.PIPE, "echo")) {
            roundTrip = echo.roundTrips(messages, 8);
        }
        context.say("%,d round trips of 8 bytes through the child's stdin/stdout: median %.1f us (%.1f–%.1f)",
                messages, roundTrip.median(), roundTrip.min(), roundTrip.max());

        /*
         * Part 2: a one-way stream. Round trips pay two process wake-ups each; a stream of frames
         * written back to back, batched into 64 KiB writes, pays almost none per message.
         */
        long streamed = context.size(500_000, 5_000_000);
        ChildLink.Stream stream;
        try (ChildLink sink = ChildLink.open(ChildLink.Kind.PIPE, "sink")) {
            stream = sink.stream(streamed, 16);
        }
        context.say("%,d frames of 16 bytes streamed one way: %.2f million per second, all intact: %s",
                stream.frames(), stream.framesPerSecond() / 1e6, stream.intact());

        seen.put("round_trip_us", roundTrip.median(), "median time to send a frame and get it back, in microseconds")
                .put("round_trip_max_us", roundTrip.max(), "the slowest round trip")
                .put("streamed_messages", stream.frames(), "16-byte frames the child counted")
                .put("stream_msgs_per_s", stream.framesPerSecond(), "one-way frames per second, batched writes")
                .put("stream_intact", stream.intact(), "count, bytes and CRC32C of what arrived match what was sent");
        return seen.conclude(String.format("pipe round trip %.1f us; one-way stream %.2f M frames/s, intact: %s",
                roundTrip.median(), stream.framesPerSecond() / 1e6, stream.intact()));
    }
}

/*
 * Run it:
 *     ./concurrency-lab run pipes
 *
 * What a run shows: the block `<!-- observed pipes -->` in this module's README.md, which
 * `./concurrency-lab observed pipes` rewrites from a real run on the reader's machine.
 */
