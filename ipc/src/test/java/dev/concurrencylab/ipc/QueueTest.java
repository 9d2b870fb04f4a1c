package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.core.testing.TestThreads;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class QueueTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private QueueHost host(Endpoint.Transport transport) throws IOException {
        return host(transport, QueueHost.Limits.defaults());
    }

    private QueueHost host(Endpoint.Transport transport, QueueHost.Limits limits) throws IOException {
        assumeTrue(transport == Endpoint.Transport.TCP || Endpoint.unixSocketsAvailable(), "no Unix-domain sockets here");
        return QueueHost.start(transport, 1024 * 1024, limits, log::add);
    }

    /** Limits roomy in every way but the byte budget. */
    private static QueueHost.Limits withAByteBudgetOf(long bytes) {
        return new QueueHost.Limits(16, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(1), bytes);
    }

    private static byte[] number(long n) {
        return Codec.LONG.toBytes(n);
    }

    private static long number(byte[] bytes) {
        return Codec.LONG.fromBytes(bytes);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void itemsComeOutInTheOrderTheyWentIn(Endpoint.Transport transport) throws IOException {
        try (QueueHost host = host(transport);
             QueueClient producer = QueueClient.connect(host.address());
             QueueClient consumer = QueueClient.connect(host.address())) {
            producer.put(number(0));
            producer.putAll(List.of(number(1), number(2), number(3)));
            // A batch returns as soon as one item is there; puts arrive on the host's own thread.
            Await.until("all four items to be queued", () -> host.size() == 4);
            assertThat(number(consumer.take())).isZero();
            assertThat(consumer.takeBatch(10, Timeouts.seconds(10)).stream().map(QueueTest::number))
                    .containsExactly(1L, 2L, 3L);
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void afterSyncEveryItemPutIsInTheQueue(Endpoint.Transport transport) throws IOException {
        try (QueueHost host = host(transport); QueueClient producer = QueueClient.connect(host.address())) {
            for (int batch = 0; batch < 50; batch++) {
                producer.putAll(Collections.nCopies(100, number(batch)));
            }
            producer.sync();
            assertThat(host.size()).isEqualTo(5000); // no waiting: sync's answer is the guarantee
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void pollGivesUpAfterItsTimeout(Endpoint.Transport transport) throws IOException {
        try (QueueHost host = host(transport); QueueClient consumer = QueueClient.connect(host.address())) {
            assertThat(consumer.poll(Duration.ofMillis(20))).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void manyProducersAndConsumersDeliverEveryItemExactlyOnce(Endpoint.Transport transport) throws Throwable {
        int producers = 3;
        int consumers = 3;
        int perProducer = 20_000;
        ConcurrentLinkedQueue<Long> received = new ConcurrentLinkedQueue<>();
        try (QueueHost host = host(transport)) {
            for (int p = 0; p < producers; p++) {
                long base = (long) p * perProducer;
                threads.start("producer-" + p, () -> {
                    try (QueueClient client = QueueClient.connect(host.address())) {
                        List<byte[]> batch = new ArrayList<>();
                        for (long i = 0; i < perProducer; i++) {
                            batch.add(number(base + i));
                            if (batch.size() == 500) {
                                client.putAll(batch);
                                batch.clear();
                            }
                        }
                        client.putAll(batch);
                    }
                });
            }
            AtomicLong remaining = new AtomicLong((long) producers * perProducer);
            for (int c = 0; c < consumers; c++) {
                threads.start("consumer-" + c, () -> {
                    try (QueueClient client = QueueClient.connect(host.address())) {
                        while (remaining.get() > 0) {
                            for (byte[] item : client.takeBatch(256, Duration.ofMillis(50))) {
                                received.add(number(item));
                                remaining.decrementAndGet();
                            }
                        }
                    }
                });
            }
            threads.joinAll();
        }
        assertThat(received).hasSize(producers * perProducer).doesNotHaveDuplicates();
        long total = (long) producers * perProducer;
        assertThat(received.stream().mapToLong(Long::longValue).sum()).isEqualTo(total * (total - 1) / 2);
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aBatchOfAConsumerThatDiesUnacknowledgedGoesBackToTheHead(Endpoint.Transport transport) throws IOException {
        try (QueueHost host = host(transport); QueueClient producer = QueueClient.connect(host.address())) {
            producer.putAll(List.of(number(1), number(2), number(3)));
            Await.until("all three items to be queued", () -> host.size() == 3);
            takeTwoAndCrash(host.address());
            // The host sees the hang-up on its own thread: wait for the batch to be back, not for time.
            Await.until("the crashed consumer's batch to return to the queue", () -> host.size() == 3);

            try (QueueClient survivor = QueueClient.connect(host.address())) {
                assertThat(survivor.takeBatch(10, Timeouts.seconds(10)).stream().map(QueueTest::number))
                        .containsExactly(1L, 2L, 3L);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void garbageAnOversizedFrameAndAHalfFrameEachDropOnlyTheirSender(Endpoint.Transport transport) throws Exception {
        try (QueueHost host = host(transport); QueueClient good = QueueClient.connect(host.address())) {
            sendRaw(host.address(), "not a frame at all".getBytes());
            sendRaw(host.address(), ByteBuffer.allocate(5).put(Frames.MAGIC).putInt(64 * 1024 * 1024).array());
            sendRaw(host.address(), ByteBuffer.allocate(8).put(Frames.MAGIC).putInt(100).put(new byte[3]).array());
            Await.until("three clients dropped", () -> host.droppedClients() == 3);

            good.put(number(42));
            assertThat(number(good.take())).isEqualTo(42);
            assertThat(log).anyMatch(line -> line.contains("is not speaking this protocol"))
                    .anyMatch(line -> line.contains("over the maximum"))
                    .anyMatch(line -> line.contains("after 3 of 100 payload bytes"));
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aTakeOfMoreThanOneFrameHoldsGetsWhatFitsAndTheRestStaysQueued(Endpoint.Transport transport) throws IOException {
        int items = 300;
        byte[] tenKiB = new byte[10 * 1024];
        try (QueueHost host = host(transport); QueueClient consumer = QueueClient.connect(host.address())) {
            for (int i = 0; i < items; i++) {
                tenKiB[0] = (byte) i;
                host.put(tenKiB.clone()); // 3 MiB queued, over the host's 1 MiB frames
            }
            List<byte[]> first = consumer.takeBatch(Integer.MAX_VALUE, Timeouts.seconds(10));
            assertThat(first.size()).as("items in a reply of at most 1 MiB").isBetween(2, 1024 * 1024 / (10 * 1024));
            List<byte[]> all = new ArrayList<>(first);
            while (all.size() < items) {
                all.addAll(consumer.takeBatch(Integer.MAX_VALUE, Timeouts.seconds(10)));
            }
            assertThat(all).hasSize(items);
            for (int i = 0; i < items; i++) {
                assertThat(all.get(i)[0]).as("item %d in order", i).isEqualTo((byte) i);
            }
            assertThat(host.droppedClients()).isZero();
            assertThat(log).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aFrameTooShortForItsOperationDropsItsSenderWithAReason(Endpoint.Transport transport) throws Exception {
        try (QueueHost host = host(transport)) {
            try (SocketChannel channel = open(host.address())) {
                FrameWriter writer = new FrameWriter(channel);
                writer.write(new byte[] {QueueProtocol.TAKE}); // no max, no timeout
                writer.flush();
                Await.until("the client dropped", () -> host.droppedClients() == 1);
            }
            assertThat(log).singleElement().asString().startsWith("dropped client ")
                    .endsWith(": a frame shorter than its operation needs").doesNotContain("null");
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aChurnOfBadClientsCostsTenLinesASecondAndTheRestAreCountedNotLost(Endpoint.Transport transport) throws Exception {
        // Fewer than the host's 256 connections: one past them would be refused, not dropped, and its write could fail.
        int clients = 200;
        assertThat(clients).isLessThan(QueueHost.Limits.defaults().maxClients());
        try (QueueHost host = host(transport)) {
            long start = System.nanoTime();
            for (int i = 0; i < clients; i++) {
                try (SocketChannel channel = open(host.address())) {
                    FrameWriter writer = new FrameWriter(channel);
                    writer.write(new byte[] {QueueProtocol.TAKE}); // too short: dropped with a reason
                    writer.flush();
                }
            }
            Await.until("every client dropped", () -> host.droppedClients() == clients);
            double seconds = (System.nanoTime() - start) / 1e9;
            List<String> written = List.copyOf(log);
            long lines = written.stream().filter(line -> line.startsWith("dropped client ")).count();
            System.out.printf("%s: %d clients dropped in %.2f s, %d lines written one by one%n", transport, clients, seconds, lines);
            assertThat(lines).as("lines written one by one in %.2f s", seconds)
                    .isLessThanOrEqualTo((long) (QueueHost.LINES_PER_SECOND * (Math.ceil(seconds) + 1)));
            // Every drop is a line, or counted in one: the next line, or the sum the host writes once the second is over.
            Await.until("every drop accounted for in the log", () -> accountedDrops(List.copyOf(log)) == clients);
        }
    }

    private static final Pattern COUNTED = Pattern.compile("\\(and (\\d+) more like it|^(\\d+) more dropped clients");

    /** The drops the log stands for: its "dropped client" lines, and the counts in the lines that sum up the rest. */
    private static long accountedDrops(List<String> lines) {
        long accounted = 0;
        for (String line : lines) {
            if (line.startsWith("dropped client ")) {
                accounted++;
            }
            Matcher counted = COUNTED.matcher(line);
            while (counted.find()) {
                accounted += Long.parseLong(counted.group(1) != null ? counted.group(1) : counted.group(2));
            }
        }
        return accounted;
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aClientThatLeavesAFrameHalfSentIsDroppedAfterTheReadTimeout(Endpoint.Transport transport) throws Exception {
        QueueHost.Limits limits = new QueueHost.Limits(16, Duration.ofMillis(200), Duration.ofMinutes(10));
        try (QueueHost host = host(transport, limits);
             QueueClient good = QueueClient.connect(host.address());
             SocketChannel slow = open(host.address())) {
            slow.write(ByteBuffer.wrap(ByteBuffer.allocate(8).put(Frames.MAGIC).putInt(100).put(new byte[3]).array()));
            long start = System.nanoTime();
            Await.until("the stalled client dropped", () -> host.droppedClients() == 1);
            System.out.printf("slow client dropped %.0f ms after its half frame (read timeout 200 ms)%n",
                    (System.nanoTime() - start) / 1e6);
            assertThat(log).singleElement().asString().contains("sent part of a frame, then nothing for 200 ms");
            good.put(number(7));
            assertThat(number(good.take())).isEqualTo(7);
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aSilentClientIsDroppedAfterTheIdleTimeoutButAWaitingConsumerIsNot(Endpoint.Transport transport) throws Throwable {
        QueueHost.Limits limits = new QueueHost.Limits(16, Duration.ofMinutes(10), Duration.ofMillis(300));
        try (QueueHost host = host(transport, limits);
             QueueClient waiting = QueueClient.connect(host.address())) {
            threads.start("waiting consumer", () -> assertThat(number(waiting.take())).isEqualTo(9));
            Await.until("the consumer's TAKE to reach the host", () -> host.servingThreads().stream().anyMatch(QueueTest::parkedInTake));
            SocketChannel silent = open(host.address());
            Await.until("the silent client dropped", () -> host.droppedClients() == 1);
            silent.close();
            assertThat(log).singleElement().asString().contains("sent nothing for 300 ms");
            host.put(number(9)); // the consumer, waiting far longer than 300 ms in its TAKE, still gets it
            threads.joinAll();
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void pastTheClientLimitANewcomerIsToldItIsRefusedAndTheOthersAreServed(Endpoint.Transport transport) throws Exception {
        QueueHost.Limits limits = new QueueHost.Limits(2, Duration.ofMinutes(1), Duration.ofMinutes(10));
        try (QueueHost host = host(transport, limits);
             QueueClient first = QueueClient.connect(host.address());
             QueueClient second = QueueClient.connect(host.address())) {
            first.sync();
            second.sync(); // both are being served, neither idle long enough to give up its slot
            try (SocketChannel third = open(host.address())) {
                FrameReader answers = new FrameReader(third);
                byte[] answer = answers.read();
                assertThat(answer[0]).as("the host's answer to a third client").isEqualTo(QueueProtocol.REFUSED);
                assertThat(QueueProtocol.reason(answer)).isEqualTo("the host is full: 2 clients are connected, the limit");
                assertThat(answers.read()).as("after the refusal").isNull();
            }
            QueueClient fourth = QueueClient.connect(host.address());
            try {
                assertThatThrownBy(fourth::take).isInstanceOfSatisfying(QueueClosedException.class,
                                refusal -> assertThat(refusal.refused()).isTrue())
                        .hasMessageContaining("refused this client: the host is full");
            } finally {
                fourth.close();
            }
            Await.until("the refusal logged", () -> !log.isEmpty()); // the host closes first, then logs
            assertThat(log.getFirst()).startsWith("refused a client: 2 are connected");
            first.put(number(1));
            assertThat(number(second.take())).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void whenTheHostIsFullANewcomerTakesTheSlotOfTheClientIdleTheLongest(Endpoint.Transport transport) throws Exception {
        Duration reclaimAfter = Duration.ofMillis(200);
        QueueHost.Limits limits = new QueueHost.Limits(2, Duration.ofMinutes(1), Duration.ofMinutes(10), reclaimAfter);
        try (QueueHost host = host(transport, limits);
             QueueClient idlest = QueueClient.connect(host.address())) {
            // The host counts a client idle from when its serving thread last began to wait for a
            // frame. The other client connects only once the first one's thread waits again after
            // its answer: else a thread descheduled between its answer and its next read could
            // make the other client look idle the longer, and the wrong one would be dropped.
            idlest.sync();
            Await.until("the first client's serving thread to wait for its next frame", () -> host.clientsBetweenFrames() == 1);
            try (QueueClient other = QueueClient.connect(host.address())) {
                other.sync();
                long idleSince = System.nanoTime();
                Await.until("the first client to be idle past the reclaim time",
                        () -> System.nanoTime() - idleSince > 2 * reclaimAfter.toNanos());
                try (QueueClient newcomer = QueueClient.connect(host.address())) {
                    newcomer.put(number(5));
                    assertThat(number(newcomer.poll(Timeouts.seconds(30)))).as("the newcomer is served").isEqualTo(5);
                }
                // poll, not take: were the wrong client dropped, this one would wait for an item for ever.
                assertThatThrownBy(() -> idlest.poll(Timeouts.seconds(30))).isInstanceOfSatisfying(QueueClosedException.class,
                        gone -> assertThat(gone.refused()).isFalse());
                other.put(number(6));
                assertThat(number(other.poll(Timeouts.seconds(30)))).as("the other client is still served").isEqualTo(6);
            }
            Await.until("the reclaim logged", () -> !log.isEmpty());
            assertThat(log.getFirst()).startsWith("dropped client #1").contains("its slot went to a newcomer: idle for");
        }
    }

    /**
     * Takers that ask to wait for ever and hang up once their TAKE waits on the host: their slots
     * must come free (each used to hold a slot and a descriptor for as long as the queue stayed
     * empty, refusing good clients at the limit), and a good client is then served.
     */
    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void takersThatHangUpWhileTheirTakeWaitsFreeTheirSlots(Endpoint.Transport transport) throws Exception {
        QueueHost.Limits limits = new QueueHost.Limits(4, Duration.ofMinutes(1), Duration.ofMinutes(10));
        try (QueueHost host = host(transport, limits)) {
            for (int taker = 1; taker <= limits.maxClients(); taker++) {
                int waiting = taker;
                try (SocketChannel channel = open(host.address())) {
                    FrameWriter writer = new FrameWriter(channel);
                    writer.write(QueueProtocol.take(1, -1));
                    writer.flush();
                    Await.until("TAKE " + waiting + " to wait on the host",
                            () -> host.servingThreads().stream().filter(QueueTest::parkedInTake).count() == waiting);
                } // hangs up with its TAKE waiting
            }
            long hungUp = System.nanoTime();
            Await.until("every hung-up taker's slot to be free", () -> host.servingThreads().isEmpty());
            System.out.printf("%s: %d hung-up takers' slots free %.0f ms after the last hung up%n", transport,
                    limits.maxClients(), (System.nanoTime() - hungUp) / 1e6);
            try (QueueClient good = QueueClient.connect(host.address())) {
                good.put(number(7));
                assertThat(number(good.take())).isEqualTo(7);
            }
            assertThat(log).hasSize(limits.maxClients()).allSatisfy(line -> assertThat(line).contains("hung up while its TAKE waited"));
        }
    }

    /**
     * Past the byte budget a producer's PUT waits, unread, until consumers acknowledge enough;
     * then everything arrives, in order. (The host used to hold whatever producers sent, and ran
     * out of heap under large frames with no consumer.)
     */
    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void pastTheByteBudgetAProducerWaitsUntilConsumersMakeRoom(Endpoint.Transport transport) throws Throwable {
        int itemBytes = 40 * 1024;
        try (QueueHost host = host(transport, withAByteBudgetOf(64 * 1024));
             QueueClient producer = QueueClient.connect(host.address());
             QueueClient consumer = QueueClient.connect(host.address())) {
            threads.start("producer", () -> {
                for (int i = 0; i < 4; i++) {
                    byte[] item = new byte[itemBytes];
                    Arrays.fill(item, (byte) i);
                    producer.put(item);
                }
                producer.sync();
            });
            Await.until("the second item to wait for room", () -> host.servingThreads().stream().anyMatch(QueueTest::waitsForRoom));
            assertThat(host.size()).as("items queued while the second waits").isEqualTo(1);
            assertThat(host.heldBytes()).as("bytes held").isEqualTo(itemBytes);
            for (int i = 0; i < 4; i++) {
                byte[] item = consumer.take(); // each take acknowledges the one before, which makes room
                assertThat(item).as("item %d", i).hasSize(itemBytes).containsOnly((byte) i);
                assertThat(host.heldBytes()).as("bytes held after take %d", i).isLessThanOrEqualTo(2L * itemBytes);
            }
            threads.joinAll();
            assertThat(log).as("nobody dropped").isEmpty();
        }
    }

    /**
     * A large frame waits for room before the host reads its payload: the producer's header
     * alone is there, and the host is neither reading the rest nor holding memory for it. (The
     * host used to read every frame whole and then wait: 256 producers of 8 MiB frames held
     * 2 GiB beside the budget.)
     */
    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aLargeFrameWaitsForRoomBeforeItsPayloadIsRead(Endpoint.Transport transport) throws Throwable {
        int itemBytes = 300 * 1024;
        try (QueueHost host = host(transport, withAByteBudgetOf(512 * 1024));
             QueueClient first = QueueClient.connect(host.address());
             SocketChannel second = Endpoint.connect(host.address());
             QueueClient consumer = QueueClient.connect(host.address())) {
            first.put(new byte[itemBytes]);
            first.sync();
            byte[] item = new byte[itemBytes];
            Arrays.fill(item, (byte) 2);
            byte[] payload = QueueProtocol.items(QueueProtocol.PUT, List.of(item));
            second.write(ByteBuffer.allocate(Frames.HEADER_BYTES).put(Frames.MAGIC).putInt(payload.length).flip());
            Await.until("the second producer's header to wait for room", () -> host.producersWaitingForRoom() == 1);
            assertThat(host.clientsInAFrame()).as("clients whose payload the host is reading").isZero();
            assertThat(host.heldBytes()).as("bytes held while the header waits").isEqualTo(itemBytes);

            threads.start("the rest of the second frame", () -> { // the host reads it once there is room
                for (ByteBuffer rest = ByteBuffer.wrap(payload); rest.hasRemaining(); ) {
                    second.write(rest);
                }
            });
            assertThat(consumer.take()).as("the first item").hasSize(itemBytes).containsOnly((byte) 0);
            assertThat(consumer.take()).as("the second, once the first was acknowledged").isEqualTo(item);
            threads.joinAll();
            assertThat(log).as("nobody dropped").isEmpty();
        }
    }

    /** A frame larger than the whole byte budget could never be held: it is refused before its payload is read, with the reason. */
    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aFrameLargerThanTheByteBudgetIsRefusedUnreadAndTheClientToldWhy(Endpoint.Transport transport) throws Throwable {
        try (QueueHost host = host(transport, withAByteBudgetOf(512 * 1024)); QueueClient producer = QueueClient.connect(host.address())) {
            producer.put(new byte[768 * 1024]);
            assertThatThrownBy(producer::sync).isInstanceOfSatisfying(QueueClosedException.class,
                    refused -> assertThat(refused.refused()).as("refused, not 'the host is gone'").isTrue())
                    .hasMessageContaining("more than the host ever holds (its byte budget is 524288 bytes)");
            assertThat(host.heldBytes()).as("bytes held after the refusal").isZero();
            Await.until("the refused producer to be dropped", () -> host.droppedClients() == 1);
            assertThat(log).singleElement().asString().contains("refused a frame of 786441 bytes");
            try (QueueClient good = QueueClient.connect(host.address())) {
                good.put(number(7));
                assertThat(number(good.take())).isEqualTo(7);
            }
        }
    }

    private static boolean waitsForRoom(Thread serving) {
        return Arrays.stream(serving.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("tryHold"));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aClientWhoseHostDiesGetsAClearErrorNotAHang(Endpoint.Transport transport) throws Throwable {
        QueueHost host = host(transport);
        QueueClient consumer = QueueClient.connect(host.address());
        threads.start("taker", () ->
                assertThatThrownBy(consumer::take).isInstanceOf(QueueClosedException.class).hasMessageContaining("is gone"));
        // Whether the take reached the host before it died or not, the answer must be the same.
        host.close();
        threads.joinAll();
        consumer.close();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void aProducerWhoseHostDiesBeforeItsPutsAreConfirmedHearsSoOnCloseAndOneWhosePutsWereDoesNot(Endpoint.Transport transport)
            throws Throwable {
        QueueHost host = host(transport);
        QueueClient confirmed = QueueClient.connect(host.address());
        QueueClient unconfirmed = QueueClient.connect(host.address());
        confirmed.put(new byte[] {1});
        confirmed.sync();
        unconfirmed.put(new byte[] {2});
        unconfirmed.putAll(List.of(new byte[] {3}, new byte[] {4}));
        host.close();
        confirmed.close(); // everything it put was queued before the host went: nothing to report
        assertThatThrownBy(unconfirmed::close).isInstanceOf(QueueClosedException.class)
                .hasMessageContaining("is gone: 3 items this client put since its last sync may never have reached the queue");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void closeEndsTheThreadOfAConsumerBlockedInATake(Endpoint.Transport transport) throws Throwable {
        QueueHost host = host(transport);
        QueueClient consumer = QueueClient.connect(host.address());
        Thread serving = servingThreadParkedInTake(host, consumer);
        host.close();
        assertThat(serving.isAlive()).as("the consumer's thread on the host, after close()").isFalse();
        threads.joinAll();
        consumer.close();
    }

    /**
     * The forced interleaving of a race close() once lost: a serving thread leaves the client set
     * in its finally block and is still alive for a moment after. Held right there, it must still
     * be joined by close(), which a second copy of the set would have missed.
     */
    @ParameterizedTest
    @EnumSource(Endpoint.Transport.class)
    void closeJoinsAServingThreadThatHasLeftTheClientSetButNotEnded(Endpoint.Transport transport) throws Throwable {
        QueueHost host = host(transport);
        QueueClient consumer = QueueClient.connect(host.address());
        CountDownLatch release = new CountDownLatch(1);
        host.afterClientLeft = () -> {
            boolean interrupted = Thread.interrupted(); // close() interrupted it once already: hold it anyway
            try {
                release.await(Timeouts.seconds(30).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        };
        // close() joins only once the serving thread has left the set: the order the race needs.
        host.beforeJoiningClients = () -> Await.until("the serving thread to leave the client set", () -> host.servingThreads().isEmpty());
        Thread serving = servingThreadParkedInTake(host, consumer);
        Thread closer = threads.start("closer", () -> {
            host.close();
            assertThat(serving.isAlive()).as("the serving thread when close() returned").isFalse();
        });
        Await.until("the serving thread to leave the client set", () -> host.servingThreads().isEmpty());
        Await.until("close() to wait for the serving thread, or to return", () -> !closer.isAlive()
                || host.ownThreads().stream().noneMatch(Thread::isAlive) && closer.getState() == Thread.State.TIMED_WAITING);
        assertThat(serving.isAlive()).as("the serving thread, held after it left the set").isTrue();
        release.countDown();
        threads.joinAll();
        consumer.close();
    }

    @ParameterizedTest
    @EnumSource(value = Endpoint.Transport.class, names = "UNIX")
    void theSocketLivesInAnOwnerOnlyDirectoryThatCloseRemoves(Endpoint.Transport transport) throws IOException {
        Path socket;
        try (QueueHost host = host(transport)) {
            socket = Path.of(host.address().substring("unix:".length()));
            assertThat(socket).exists();
            if (socket.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                        .isEqualTo("rwx------");
            }
        }
        assertThat(socket.getParent()).doesNotExist();
    }

    /**
     * Starts a taker whose TAKE must end in QueueClosedException, and returns the host's thread
     * serving it once that thread is parked in the queue's take, not merely on the socket read
     * before the TAKE arrived (which closing the channel would end by itself).
     */
    private Thread servingThreadParkedInTake(QueueHost host, QueueClient consumer) {
        threads.start("taker", () -> assertThatThrownBy(consumer::take).isInstanceOf(QueueClosedException.class));
        Await.until("the host to serve the consumer", () -> host.servingThreads().size() == 1);
        Thread serving = host.servingThreads().getFirst();
        Await.until("the host's thread to wait in the queue's take", () -> parkedInTake(serving));
        return serving;
    }

    private static boolean parkedInTake(Thread serving) {
        return Arrays.stream(serving.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("awaitFirstItem"));
    }

    /** Connects, sends raw bytes, and hangs up. */
    private static void sendRaw(String address, byte[] bytes) throws IOException {
        try (SocketChannel channel = open(address)) {
            channel.write(ByteBuffer.wrap(bytes));
        }
    }

    private static SocketChannel open(String address) throws IOException {
        return Endpoint.connect(address);
    }

    /** A consumer that takes a batch of two and crashes: it hangs up without a CLOSE frame. */
    private static void takeTwoAndCrash(String address) throws IOException {
        try (SocketChannel channel = open(address)) {
            FrameWriter writer = new FrameWriter(channel);
            writer.write(QueueProtocol.take(2, 10_000));
            writer.flush();
            byte[] answer = new FrameReader(channel).read();
            assertThat(answer[0]).isEqualTo(QueueProtocol.ITEMS);
            assertThat(QueueProtocol.parseItems(ByteBuffer.wrap(answer, 1, answer.length - 1).slice())).hasSize(2);
        }
    }
}
