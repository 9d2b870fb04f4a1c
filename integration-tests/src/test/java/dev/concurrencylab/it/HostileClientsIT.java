package dev.concurrencylab.it;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.Endpoint;
import dev.concurrencylab.ipc.Frames;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueClosedException;
import dev.concurrencylab.ipc.QueueHost;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A queue host in its own JVM, attacked from this one through real sockets, one way per test:
 * each attack costs the host what it says in the host's documentation and no more, the attacker
 * is dropped with one line that names it and says why, and a well-behaved client is served
 * exactly afterwards (every item back, by checksum).
 */
class HostileClientsIT {

    static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    static final byte TAKE = 2; // the operation byte of QueueProtocol.TAKE

    static HostInAChild host;

    @BeforeAll
    static void startTheHost() {
        host = HostInAChild.start("attacked-host", READ_TIMEOUT, 64);
    }

    @AfterAll
    static void stopTheHost() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void halfAFrameThenSilenceIsDroppedAfterTheReadTimeoutWhileOthersAreServed() throws IOException {
        long droppedBefore = host.ask("dropped");
        try (SocketChannel slowloris = Endpoint.connect(host.address())) {
            slowloris.write(ByteBuffer.wrap(ByteBuffer.allocate(Frames.HEADER_BYTES + 3).put(Frames.MAGIC).putInt(100)
                    .put(new byte[3]).array()));
            long sent = System.nanoTime();
            host.assertServesAWellBehavedClient(200); // while the half frame is held
            assertThat(slowloris.read(ByteBuffer.allocate(1))).as("what the stalled client reads: end of stream").isEqualTo(-1);
            double droppedAfterMillis = (System.nanoTime() - sent) / 1e6;
            System.out.printf("slowloris: dropped %.0f ms after its half frame (read timeout %d ms)%n",
                    droppedAfterMillis, READ_TIMEOUT.toMillis());
            assertThat(droppedAfterMillis).as("ms from half frame to drop").isGreaterThanOrEqualTo(READ_TIMEOUT.toMillis());
        }
        Await.until("the drop counted", () -> host.ask("dropped") == droppedBefore + 1);
        // The host logs before it counts, but its stderr reaches us through a pipe of its own: wait for the line.
        Await.until("the drop's reason in the host's stderr",
                () -> host.child().stderr().contains("sent part of a frame, then nothing for " + READ_TIMEOUT.toMillis() + " ms"));
    }

    @Test
    void aFrameTooShortForItsOperationIsDroppedWithANamedReasonNotNull() throws IOException {
        long droppedBefore = host.ask("dropped");
        try (SocketChannel shortTake = Endpoint.connect(host.address())) {
            shortTake.write(ByteBuffer.wrap(ByteBuffer.allocate(Frames.HEADER_BYTES + 1).put(Frames.MAGIC).putInt(1).put(TAKE).array()));
            assertThat(shortTake.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
        Await.until("the drop counted", () -> host.ask("dropped") == droppedBefore + 1);
        Await.until("the drop's reason in the host's stderr", () -> host.child().stderr().contains("frame shorter"));
        assertThat(host.child().stderr().lines().filter(line -> line.contains("frame shorter")))
                .singleElement().asString().matches("queue host: dropped client #\\d+.*: a frame shorter than its operation needs");
        assertThat(host.child().stderr()).doesNotContain("null");
        host.assertServesAWellBehavedClient(200);
    }

    @Test
    void aTakeOfEverythingGetsTwelveMebibytesInOrderOverSeveralReplies() throws IOException {
        int items = 1200;
        long droppedBefore = host.ask("dropped");
        byte[] payload = new byte[10 * 1024];
        try (QueueClient producer = QueueClient.connect(host.address()); QueueClient consumer = QueueClient.connect(host.address())) {
            for (int i = 0; i < items; i++) {
                ByteBuffer.wrap(payload).putInt(i);
                producer.put(payload.clone());
            }
            producer.sync();
            List<Integer> received = new ArrayList<>();
            int replies = 0;
            while (received.size() < items) {
                for (byte[] item : consumer.takeBatch(Integer.MAX_VALUE, Timeouts.seconds(30))) {
                    received.add(ByteBuffer.wrap(item).getInt());
                }
                replies++;
            }
            assertThat(received).as("items in order, none lost or doubled").isEqualTo(Stream.iterate(0, i -> i + 1).limit(items).toList());
            assertThat(replies).as("replies to TAKE of Integer.MAX_VALUE (12 MiB, 8 MiB frames)").isGreaterThan(1);
        }
        assertThat(host.ask("dropped")).as("clients dropped meanwhile").isEqualTo(droppedBefore);
    }

    @Test
    void pastTheClientLimitANewcomerIsRefusedInWordsAndTheServedOnesLoseNothing() throws IOException {
        int limit = 4;
        try (HostInAChild limited = HostInAChild.start("limited-host", READ_TIMEOUT, limit)) {
            List<QueueClient> served = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    QueueClient client = QueueClient.connect(limited.address());
                    served.add(client);
                    client.sync();
                }
                QueueClient oneTooMany = QueueClient.connect(limited.address());
                try {
                    assertThatThrownBy(oneTooMany::take).as("the host's answer past the limit")
                            .isInstanceOf(QueueClosedException.class).hasMessageContaining("refused this client: the host is full");
                } finally {
                    oneTooMany.close();
                }
                served.get(0).put(Codec.LONG.toBytes(42L));
                assertThat(Codec.LONG.fromBytes(served.get(limit - 1).take())).isEqualTo(42L);
            } finally {
                for (QueueClient client : served) {
                    client.close();
                }
            }
            Await.until("the refusal logged", () -> limited.child().stderr().contains("refused a client: " + limit + " are connected"));
            assertThat(limited.child().isAlive()).isTrue();
        }
    }

    /**
     * Clients that connect, send a byte that starts no frame and leave, thousands of them as fast
     * as one process can: the host drops every one it serves (or refuses it, when all its slots
     * are taken), and writes at most ten lines a second per cause (then a line that counts the
     * rest), not one per client. (It wrote one each: 296,069
     * lines in 20 s under a churn from several processes.)
     */
    @Test
    void aChurnOfBadClientsIsDroppedWithTenLogLinesASecondNotOneEach() throws IOException {
        int churn = 2000;
        try (HostInAChild churned = HostInAChild.start("churned-host", READ_TIMEOUT, 64)) { // its own: a burst mutes the others' lines
            long start = System.nanoTime();
            for (int i = 0; i < churn; i++) {
                try (SocketChannel bad = Endpoint.connect(churned.address())) {
                    bad.write(ByteBuffer.wrap(new byte[] {'x'}));
                } catch (IOException refusedFirst) {
                    // The host was full: it refused this one and hung up before its byte was sent.
                }
            }
            Await.until("every bad client to be dropped or refused", () -> churned.ask("clients") == 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            long lines = churned.ask("log-lines");
            long dropped = churned.ask("dropped");
            System.out.printf("churn: %d bad clients in %.2f s, %d dropped (the others refused), %d log lines%n", churn, seconds, dropped, lines);
            assertThat(dropped).as("bad clients dropped").isPositive();
            long causes = 3; // dropped, gone away, refused
            assertThat(lines).as("log lines for %d bad clients in %.2f s", churn, seconds)
                    .isLessThanOrEqualTo(((long) Math.ceil(seconds) + 2) * causes * (QueueHost.LINES_PER_SECOND + 1));
            churned.assertServesAWellBehavedClient(200);
        }
    }

    /**
     * As many takers as the host has slots send a TAKE that waits for ever, then hang up: the host
     * notices each has gone although its TAKE still waits, and a newcomer is served, not refused.
     * (Their slots used to stay taken for as long as the queue stayed empty.)
     */
    @Test
    void takersThatHangUpWhileTheirTakeWaitsFreeTheirSlots() throws IOException {
        int limit = 8;
        try (HostInAChild limited = HostInAChild.start("taken-host", READ_TIMEOUT, limit)) {
            byte[] takeForEver = ByteBuffer.allocate(Frames.HEADER_BYTES + 13).put(Frames.MAGIC).putInt(13)
                    .put(TAKE).putInt(1).putLong(-1).array();
            List<SocketChannel> takers = new ArrayList<>();
            try {
                for (int i = 0; i < limit; i++) {
                    SocketChannel taker = Endpoint.connect(limited.address());
                    takers.add(taker);
                    taker.write(ByteBuffer.wrap(takeForEver));
                }
                Await.until("every taker's TAKE to wait on the host", () -> limited.ask("consumers-waiting") == limit);
            } finally {
                for (SocketChannel taker : takers) {
                    taker.close();
                }
            }
            long hungUp = System.nanoTime();
            // A taker's wait ends before its slot is given back: wait for the slots themselves.
            Await.until("the hung-up takers' slots to be free", () -> limited.ask("clients") == 0);
            System.out.printf("hung-up takers: %d slots free %.0f ms after the last hung up%n", limit, (System.nanoTime() - hungUp) / 1e6);
            limited.assertServesAWellBehavedClient(100);
        }
    }

    /**
     * The host's own process runs out of file descriptors ({@code prlimit} lowers its limit to a
     * few more than it has open); connections keep arriving. Its accept loop must back off and
     * log about once a second, not spin and flood its log, and serve again once descriptors free up.
     */
    @Test
    void outOfFileDescriptorsTheHostBacksOffLogsOnceASecondAndRecovers() throws Exception {
        Optional<Path> prlimit = Executables.onPath("prlimit");
        assumeTrue(!Executables.WINDOWS && Files.isDirectory(Path.of("/proc/self/fd")) && prlimit.isPresent(),
                "needs Linux's /proc and prlimit (util-linux) to lower another process's descriptor limit");
        try (HostInAChild starved = HostInAChild.start("starved-host", Duration.ofMinutes(1), 10_000)) {
            long pid = starved.child().pid();
            long open;
            try (Stream<Path> descriptors = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                open = descriptors.count();
            }
            int spare = 10;
            Executables.Outcome lowered = Executables.run(List.of(prlimit.get().toString(), "--pid", Long.toString(pid),
                    "--nofile=" + (open + spare) + ":" + (open + spare)), Timeouts.seconds(30));
            assertThat(lowered.exitCode()).as("prlimit: " + lowered.stderr()).isZero();

            List<SocketChannel> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < spare + 20; i++) { // 20 more than it can accept: they wait in the backlog
                    attackers.add(Endpoint.connect(starved.address()));
                }
                Await.until("an accept failure logged", () -> starved.child().stderr().contains("accept failed"));
                long linesBefore = starved.ask("log-lines");
                long cpuBefore = cpuNanos(starved);
                long start = System.nanoTime();
                Await.until("three more log lines", () -> starved.ask("log-lines") >= linesBefore + 3);
                double seconds = (System.nanoTime() - start) / 1e9;
                long lines = starved.ask("log-lines") - linesBefore;
                double cpuShare = (cpuNanos(starved) - cpuBefore) / 1e9 / seconds;
                System.out.printf("fd exhaustion: %.2f log lines/s over %.1f s, host CPU %.0f %% of one core%n",
                        lines / seconds, seconds, 100 * cpuShare);
                assertThat(lines / seconds).as("log lines per second while accept fails").isLessThan(2.5);
                assertThat(cpuShare).as("the host's CPU share while accept fails").isLessThan(0.5);
                Await.until("the count of lines not written, in the host's stderr",
                        () -> starved.child().stderr().contains("more like it not written before it")
                                || starved.child().stderr().contains("more refused or failed accepts in the last"));
            } finally {
                for (SocketChannel attacker : attackers) {
                    attacker.close();
                }
            }
            starved.assertServesAWellBehavedClient(1000);
        }
    }

    private static long cpuNanos(HostInAChild host) {
        return host.child().handle().info().totalCpuDuration().orElseThrow().toNanos();
    }
}
