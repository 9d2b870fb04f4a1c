package dev.concurrencylab.benchmarks;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueHost;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The socket queue with small messages: a producer client puts a batch of 1 000 8-byte items,
 * a consumer client takes until it has them all. Host and clients share this JVM here, so what
 * is measured is the protocol over a Unix-domain socket (or TCP), not process start-up; the
 * ipc-throughput lesson runs producers and consumers in separate JVMs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class QueueBenchmarks {

    private static final int BATCH = 1_000;

    private QueueHost host;
    private QueueClient producer;
    private QueueClient consumer;
    private final List<byte[]> items = Collections.nCopies(BATCH, new byte[8]);
    private final Duration limit = Timeouts.seconds(30);

    @Setup
    public void start() throws IOException {
        host = QueueHost.start();
        producer = QueueClient.connect(host.address());
        consumer = QueueClient.connect(host.address());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int putAndTakeSmallMessages() throws IOException {
        producer.putAll(items);
        List<byte[]> taken = new ArrayList<>(BATCH);
        while (taken.size() < BATCH) {
            List<byte[]> batch = consumer.takeBatch(BATCH - taken.size(), limit);
            if (batch.isEmpty()) {
                throw new IOException("the queue went quiet after " + taken.size() + " of " + BATCH);
            }
            taken.addAll(batch);
        }
        return taken.size();
    }

    @TearDown
    public void stop() throws IOException {
        consumer.close();
        producer.close();
        host.close();
    }
}
