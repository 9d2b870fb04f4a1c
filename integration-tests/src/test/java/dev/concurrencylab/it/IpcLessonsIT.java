package dev.concurrencylab.it;

import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.ipc.lessons.IpcThroughputLesson;
import dev.concurrencylab.ipc.lessons.PipesLesson;
import dev.concurrencylab.ipc.lessons.SharedMemoryLesson;
import dev.concurrencylab.ipc.lessons.SocketQueueLesson;

import org.junit.jupiter.api.Test;

import static dev.concurrencylab.core.testing.LessonChecks.assertHasKeys;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ipc lessons cross processes, so their claims are checked here: delivery, integrity and
 * exactness, always. Their throughput figures are reported, not asserted: on a shared 2-core
 * machine they are benchmark material, not test material.
 */
class IpcLessonsIT {

    @Test
    void aPipeCarriesFramesIntact() throws Exception {
        Observations seen = new PipesLesson().run(LessonContext.silent(true));
        assertHasKeys(seen, "messages", "round_trip_us");
        assertThat(seen.flag("stream_intact")).isTrue();
        assertThat(seen.number("streamed_messages")).isEqualTo(500_000);
        System.out.printf("pipes: round trip %.1f us, stream %.2f M msgs/s%n",
                seen.number("round_trip_us"), seen.number("stream_msgs_per_s") / 1e6);
    }

    @Test
    void theSocketQueueDeliversEveryMessageExactlyOnce() throws Exception {
        Observations seen = new SocketQueueLesson().run(LessonContext.silent(true));
        assertHasKeys(seen, "producers", "consumers", "sent", "received", "duplicates", "msgs_per_s");
        assertThat(seen.number("received")).isEqualTo(seen.number("sent")).isEqualTo(400_000);
        assertThat(seen.number("duplicates")).isZero();
        assertThat(seen.number("lost")).isZero();
    }

    @Test
    void sharedMemoryAtomicAndLockedIncrementsAreExact() throws Exception {
        Observations seen = new SharedMemoryLesson().run(LessonContext.silent(true));
        assertHasKeys(seen, "expected", "unsynchronized_observed", "atomic_observed");
        assertThat(seen.number("atomic_observed")).isEqualTo(seen.number("expected"));
        assertThat(seen.number("locked_observed")).isEqualTo(seen.number("locked_expected"));
        // Lost updates need the two loops to overlap, which the start barrier makes likely, not certain.
        System.out.printf("shared-memory: unsynchronized lost %,.0f of %,.0f%n",
                seen.number("lost_updates"), seen.number("expected"));
    }

    @Test
    void everyChannelCarriesItsDataIntact() throws Exception {
        // The lesson itself fails if a stream arrives damaged or the queue loses or duplicates.
        Observations seen = new IpcThroughputLesson().run(LessonContext.silent(true));
        assertHasKeys(seen, "msgs_per_s_pipe", "mb_per_s_pipe", "round_trip_us_pipe", "msgs_per_s_tcp",
                "msgs_per_s_queue", "shared_counter_m_per_s");
        System.out.println("ipc-throughput: " + seen.conclusion());
    }
}
