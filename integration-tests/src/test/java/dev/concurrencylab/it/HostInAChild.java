package dev.concurrencylab.it;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.Endpoint;
import dev.concurrencylab.ipc.Frames;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueHost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue host in a JVM of its own, for the tests that attack it as a hostile peer would: through
 * real sockets from another process. The host answers questions about itself on stdin (its heap
 * after a GC, its dropped clients, its log lines), so a test can see what an attack cost it.
 */
final class HostInAChild implements AutoCloseable {

    /** The host's side: {@code <read timeout ms> <max clients>}, then one answer per question. */
    static final class Main {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            QueueHost.Limits limits = new QueueHost.Limits(Integer.parseInt(args[1]),
                    Duration.ofMillis(Long.parseLong(args[0])), QueueHost.Limits.defaults().idleTimeout());
            AtomicLong logLines = new AtomicLong();
            try (QueueHost host = QueueHost.start(Endpoint.bestTransport(), Frames.DEFAULT_MAX_FRAME_BYTES, limits, line -> {
                logLines.incrementAndGet();
                System.err.println("queue host: " + line);
            })) {
                ChildSide.sayReady();
                System.out.println("address " + host.address());
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String question; (question = stdin.readLine()) != null; ) {
                    long answer = switch (question) {
                        case "clients-in-a-frame" -> host.clientsInAFrame();
                        case "waiting-for-room" -> host.producersWaitingForRoom();
                        case "consumers-waiting" -> host.consumersWaiting();
                        case "clients" -> host.clientsConnected();
                        case "held-bytes" -> host.heldBytes();
                        case "byte-budget" -> limits.maxHeldBytes();
                        case "dropped" -> host.droppedClients();
                        case "log-lines" -> logLines.get();
                        case "heap" -> {
                            System.gc();
                            yield ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                        }
                        default -> throw new IllegalArgumentException(question);
                    };
                    System.out.println(question + " " + answer);
                }
            }
        }
    }

    private final ChildJvm child;
    private final String address;

    private HostInAChild(ChildJvm child) {
        this.child = child;
        child.awaitReady(Timeouts.seconds(60));
        this.address = child.awaitValue("address ", Timeouts.seconds(60), "name its address");
    }

    /** A host that drops a client after {@code readTimeout} in a half-sent frame and serves at most {@code maxClients}. */
    static HostInAChild start(String name, Duration readTimeout, int maxClients, String... jvmOptions) {
        ChildJvm child = ChildJvm.builder(Main.class).name(name).jvmOptions(jvmOptions)
                .arguments(Long.toString(readTimeout.toMillis()), Integer.toString(maxClients)).start();
        try {
            return new HostInAChild(child);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    String address() {
        return address;
    }

    ChildJvm child() {
        return child;
    }

    /**
     * Asks the host one of its questions: {@code heap}, {@code dropped}, {@code log-lines},
     * {@code clients}, {@code clients-in-a-frame}, {@code waiting-for-room}, {@code consumers-waiting}, {@code held-bytes},
     * {@code byte-budget}.
     */
    long ask(String question) {
        child.sendLine(question);
        return Long.parseLong(child.awaitValue(question + " ", Timeouts.seconds(60), "answer '" + question + "'"));
    }

    /** A well-behaved client puts {@code count} numbers and takes them back: their sum proves none was lost or doubled. */
    void assertServesAWellBehavedClient(int count) throws IOException {
        long sum = 0;
        try (QueueClient good = QueueClient.connect(address)) {
            for (long n = 1; n <= count; n++) {
                good.put(Codec.LONG.toBytes(n));
            }
            for (int i = 0; i < count; i++) {
                sum += Codec.LONG.fromBytes(good.take());
            }
        }
        assertThat(sum).as("a well-behaved client's " + count + " items, by checksum").isEqualTo((long) count * (count + 1) / 2);
        assertThat(child.isAlive()).as("the host is alive").isTrue();
        assertThat(child.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("Exception in thread");
    }

    @Override
    public void close() {
        child.close();
    }
}
