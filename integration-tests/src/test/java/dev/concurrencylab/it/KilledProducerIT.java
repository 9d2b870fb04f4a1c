package dev.concurrencylab.it;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueHost;
import dev.concurrencylab.ipc.QueueChild;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-process delivery when a producer dies: two producer JVMs send their ranges while a third,
 * sending for ever, is killed with SIGKILL in the middle (quite possibly in the middle of a
 * frame). The host drops the half frame and carries on: every message of the other two arrives,
 * once; of the killed one's, none arrives twice.
 */
class KilledProducerIT {

    private static final long PER_PRODUCER = 200_000;
    private static final long DOOMED_FIRST = 10_000_000;

    @Test
    void aKilledProducerDoesNotStopTheOthersAndNothingArrivesTwice() throws Exception {
        Duration limit = Timeouts.seconds(120);
        BitSet good = new BitSet();
        BitSet doomedSeen = new BitSet();
        long duplicates = 0;
        try (QueueHost host = QueueHost.start();
             QueueClient consumer = QueueClient.connect(host.address());
             ChildJvm doomed = producer(host, "doomed", DOOMED_FIRST, Long.MAX_VALUE / 2);
             ChildJvm first = producer(host, "producer-1", 0, PER_PRODUCER);
             ChildJvm second = producer(host, "producer-2", PER_PRODUCER, PER_PRODUCER)) {
            for (ChildJvm child : List.of(doomed, first, second)) {
                child.awaitReady(limit);
            }
            List.of(doomed, first, second).forEach(child -> child.sendLine(ChildSide.GO));
            long received = 0;
            while (good.cardinality() < 2 * PER_PRODUCER) {
                List<byte[]> batch = consumer.takeBatch(1000, limit);
                assertThat(batch).as("the queue went quiet with %,d of %,d good messages", good.cardinality(), 2 * PER_PRODUCER)
                        .isNotEmpty();
                for (byte[] item : batch) {
                    long n = Codec.LONG.fromBytes(item);
                    BitSet set = n >= DOOMED_FIRST ? doomedSeen : good;
                    int index = (int) (n >= DOOMED_FIRST ? n - DOOMED_FIRST : n);
                    if (set.get(index)) {
                        duplicates++;
                    }
                    set.set(index);
                }
                received += batch.size();
                if (doomed.isAlive() && received > PER_PRODUCER / 2) {
                    doomed.handle().destroyForcibly(); // mid-stream, as kill -9
                }
            }
            assertThat(doomed.isAlive()).isFalse();
            assertThat(first.waitFor(limit)).isZero();
            assertThat(second.waitFor(limit)).isZero();
            System.out.printf("killed producer: %,d good messages received, %,d from the killed producer, %d clients dropped%n",
                    good.cardinality(), doomedSeen.cardinality(), host.droppedClients());
        }
        assertThat(duplicates).isZero();
        assertThat(good.cardinality()).isEqualTo(2 * PER_PRODUCER);
        assertThat(good.nextClearBit(0)).isEqualTo(2 * PER_PRODUCER);
        // The killed producer's messages that arrived are a prefix of what it sent: whole frames only.
        assertThat(doomedSeen.nextClearBit(0)).isEqualTo(doomedSeen.cardinality());
    }

    private static ChildJvm producer(QueueHost host, String name, long first, long count) {
        return ChildJvm.builder(QueueChild.class).name(name).timeout(Timeouts.seconds(300))
                .arguments("producer", host.address(), Long.toString(first), Long.toString(count), "500").start();
    }
}
