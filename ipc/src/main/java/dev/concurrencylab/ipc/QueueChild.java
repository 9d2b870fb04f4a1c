package dev.concurrencylab.ipc;

import dev.concurrencylab.core.child.ChildSide;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;

/**
 * Child JVM: a producer or a consumer of the queue at the given address, released by the start gate ({@link ChildSide#awaitGo}).
 *
 * <pre>
 *   QueueChild producer &lt;address&gt; &lt;first&gt; &lt;count&gt; &lt;batch&gt;   puts first .. first+count-1, says "sent count"
 *   QueueChild consumer &lt;address&gt; &lt;batch&gt;                   takes until the empty item, says "received count bits"
 * </pre>
 */
public final class QueueChild {


    private QueueChild() {}

    public static void main(String[] args) throws IOException {
        ChildSide.exitWhenParentDies();
        try (QueueClient queue = QueueClient.connect(args[1])) {
            ChildSide.sayReady();
            ChildSide.awaitGo();
            if (args[0].equals("producer")) {
                produce(queue, Long.parseLong(args[2]), Long.parseLong(args[3]), Integer.parseInt(args[4]));
            } else {
                consume(queue, Integer.parseInt(args[2]));
            }
        }
    }

    private static void produce(QueueClient queue, long first, long count, int batchSize) throws IOException {
        List<byte[]> batch = new ArrayList<>(batchSize);
        for (long n = first; n < first + count; n++) {
            batch.add(Codec.LONG.toBytes(n));
            if (batch.size() == batchSize) {
                queue.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            queue.putAll(batch);
        }
        queue.sync(); // "sent" must mean "in the queue": the parent's poison pill comes next
        System.out.println("sent " + count);
    }

    private static void consume(QueueClient queue, int batchSize) throws IOException {
        BitSet got = new BitSet();
        long count = 0;
        while (true) {
            List<byte[]> batch = queue.takeBatch(batchSize, null);
            for (int i = 0; i < batch.size(); i++) {
                byte[] item = batch.get(i);
                if (item.length == 0) {
                    // A batch can hold the other consumers' pills too: hand back what follows ours.
                    List<byte[]> rest = batch.subList(i + 1, batch.size());
                    if (!rest.isEmpty()) {
                        queue.putAll(rest);
                    }
                    System.out.println("received " + count + " " + Base64.getEncoder().encodeToString(got.toByteArray()));
                    return;
                }
                got.set((int) (long) Codec.LONG.fromBytes(item));
                count++;
            }
        }
    }
}
