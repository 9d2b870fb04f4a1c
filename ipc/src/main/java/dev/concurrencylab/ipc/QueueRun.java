package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * Several producer and consumer child JVMs around one {@link QueueHost} in this JVM, and what
 * they delivered.
 *
 * <p>Producer {@code p} puts the numbers {@code p × perProducer} to {@code (p + 1) × perProducer − 1},
 * in batches. Each consumer takes batches until it takes the empty item (the poison pill the parent
 * puts once per consumer after every producer has finished), hands back whatever followed its pill
 * in the same batch (other consumers' pills), and reports which numbers it got as a bit set. Overlaps between the consumers' sets are duplicates; numbers in no set are lost.
 */
public final class QueueRun {

    /** What came out. */
    public record Result(long sent, long received, long duplicates, long lost, double seconds, String transport) {
        public double messagesPerSecond() {
            return received / seconds;
        }
    }

    private QueueRun() {}

    public static Result run(QueueHost host, int producers, int consumers, int perProducer, int batch) throws IOException {
        List<ChildJvm> producerJvms = new ArrayList<>();
        List<ChildJvm> consumerJvms = new ArrayList<>();
        Duration limit = Timeouts.seconds(300);
        try {
            for (int p = 0; p < producers; p++) {
                producerJvms.add(ChildJvm.builder(QueueChild.class).name("producer-" + p).timeout(limit)
                        .arguments("producer", host.address(), Long.toString((long) p * perProducer),
                                Integer.toString(perProducer), Integer.toString(batch)).start());
            }
            for (int c = 0; c < consumers; c++) {
                consumerJvms.add(ChildJvm.builder(QueueChild.class).name("consumer-" + c).timeout(limit)
                        .arguments("consumer", host.address(), Integer.toString(batch)).start());
            }
            List<ChildJvm> all = new ArrayList<>(producerJvms);
            all.addAll(consumerJvms);
            for (ChildJvm child : all) {
                child.awaitReady(Timeouts.seconds(60));
            }
            long start = System.nanoTime();
            all.forEach(child -> child.sendLine(ChildSide.GO));
            long sent = 0;
            for (ChildJvm producer : producerJvms) {
                sent += Long.parseLong(producer.awaitValue("sent ", limit, "finish sending"));
            }
            for (int c = 0; c < consumers; c++) {
                host.put(new byte[0]); // one poison pill per consumer, after everything else
            }
            BitSet seen = new BitSet();
            long received = 0;
            long duplicates = 0;
            for (ChildJvm consumer : consumerJvms) {
                String[] report = consumer.awaitValue("received ", limit, "report").split(" ");
                long count = Long.parseLong(report[0]);
                received += count;
                BitSet got = BitSet.valueOf(Base64.getDecoder().decode(report[1]));
                BitSet overlap = (BitSet) got.clone();
                overlap.and(seen);
                duplicates += overlap.cardinality() + (count - got.cardinality());
                seen.or(got);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // Each child closes its client (a CLOSE frame) and exits on its own: killing it first
            // would cut its connection mid-goodbye, and the host would log a reset.
            for (ChildJvm child : all) {
                int code = child.waitFor(Timeouts.seconds(30));
                if (code != 0) {
                    throw new IllegalStateException(child.name() + " exited with code " + code + ": " + child.stderr());
                }
            }
            long lost = (long) producers * perProducer - seen.cardinality();
            return new Result(sent, received, duplicates, lost, seconds, host.address().substring(0, host.address().indexOf(':')));
        } finally {
            producerJvms.forEach(ChildJvm::close);
            consumerJvms.forEach(ChildJvm::close);
        }
    }
}
