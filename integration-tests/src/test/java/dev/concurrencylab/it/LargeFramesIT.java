package dev.concurrencylab.it;

import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.TestThreads;
import dev.concurrencylab.ipc.Frames;
import dev.concurrencylab.ipc.QueueClient;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue host in a JVM with a 128 MiB heap (so a byte budget of a quarter of it), and 24
 * producers that each put one item as large as a frame may be, 192 MiB in all, with no consumer.
 * The host must hold what its budget allows and read the other producers' frames no further than
 * their headers: nobody dropped, no memory taken for the frames that wait, and every item
 * delivered once a consumer comes. (The host used to read each frame whole before waiting for
 * room, and ran out of heap.)
 */
class LargeFramesIT {

    static final int PRODUCERS = 24;
    static final int ITEM_BYTES = Frames.DEFAULT_MAX_FRAME_BYTES - 9; // the PUT's operation, count and length fill the frame

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @Test
    void producersOfLargeFramesPastTheBudgetWaitUnreadAndEveryItemArrives() throws Throwable {
        try (HostInAChild host = HostInAChild.start("large-frames-host", Duration.ofMinutes(5), 64, "-Xmx128m")) {
            long before = host.ask("heap");
            long budget = host.ask("byte-budget");
            for (int i = 0; i < PRODUCERS; i++) {
                byte[] item = new byte[ITEM_BYTES];
                item[0] = (byte) i;
                threads.start("producer-" + i, () -> {
                    try (QueueClient producer = QueueClient.connect(host.address())) {
                        producer.put(item);
                        producer.sync(); // returns once the host has read the frame: after room was made for it
                    }
                });
            }
            Await.until("every producer's frame to be held or waiting for room, unread", () -> {
                long held = host.ask("held-bytes") / ITEM_BYTES; // items held: their frames' framing is not counted
                return held > 0 && held + host.ask("waiting-for-room") == PRODUCERS;
            });
            long held = host.ask("held-bytes");
            long during = host.ask("heap");
            System.out.printf("large frames: %d producers of %d MiB items, byte budget %.1f MiB: %.1f MiB held, %d producers waiting; "
                            + "host heap after GC %.1f MiB before, %.1f MiB during%n", PRODUCERS, Frames.DEFAULT_MAX_FRAME_BYTES >> 20, budget / 1048576.0,
                    held / 1048576.0, host.ask("waiting-for-room"), before / 1048576.0, during / 1048576.0);
            assertThat(host.ask("dropped")).as("producers dropped").isZero();
            assertThat(held).as("bytes held").isLessThanOrEqualTo(budget);
            assertThat(during - before).as("heap the held items and the waiting frames take").isLessThan(budget + (16L << 20));

            List<Integer> delivered = new ArrayList<>();
            try (QueueClient consumer = QueueClient.connect(host.address())) {
                for (int i = 0; i < PRODUCERS; i++) {
                    byte[] item = consumer.take(); // each take acknowledges the one before, which makes room
                    assertThat(item).hasSize(ITEM_BYTES);
                    delivered.add((int) item[0]);
                }
            }
            threads.joinAll();
            assertThat(delivered).as("the producers whose item arrived").containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, PRODUCERS).boxed().toList());
            host.assertServesAWellBehavedClient(100);
        }
    }
}
