package dev.concurrencylab.it;

import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.QueueClient;

import java.util.ArrayList;
import java.util.List;

/** Child JVM: puts {@code count} numbers from {@code first} on the queue, in batches, then says "sent". */
public final class QueueProducerChild {

    private QueueProducerChild() {}

    public static void main(String[] args) throws Exception {
        ChildSide.exitWhenParentDies();
        long first = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        int batchSize = Integer.parseInt(args[3]);
        try (QueueClient queue = QueueClient.connect(args[0])) {
            ChildSide.sayReady();
            List<byte[]> batch = new ArrayList<>(batchSize);
            for (long n = first; n < first + count; n++) {
                batch.add(Codec.LONG.toBytes(n));
                if (batch.size() == batchSize) {
                    queue.putAll(batch);
                    batch.clear();
                }
            }
            queue.putAll(batch);
            System.out.println("sent");
        }
    }
}
