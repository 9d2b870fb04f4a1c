package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.testing.TestThreads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared-memory ring: every record intact and in order across wrap-arounds, and each fault a clear answer. */
class RingQueueTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    /** Record {@code seq}: its sequence number, then bytes that depend on it and their place; sizes cycle so that records wrap. */
    private static byte[] record(int seq) {
        int[] sizes = {4, 7, 60, 68, 100, 124, 13};
        byte[] bytes = new byte[sizes[seq % sizes.length]];
        ByteBuffer.wrap(bytes).putInt(seq);
        for (int i = 4; i < bytes.length; i++) {
            bytes[i] = (byte) (seq * 31 + i);
        }
        return bytes;
    }

    @Test
    void everyRecordArrivesIntactAndInOrderAcrossManyWrapArounds() throws Throwable {
        int records = 50_000;
        try (RingQueue consumer = RingQueue.create(256); RingQueue producer = RingQueue.attach(consumer.file())) {
            threads.start("producer", () -> {
                for (int seq = 0; seq < records; seq++) {
                    byte[] record = record(seq);
                    producer.put(record, 0, record.length, Timeouts.seconds(30));
                }
            });
            byte[] into = new byte[consumer.maxPayload()];
            for (int seq = 0; seq < records; seq++) {
                int length = consumer.take(into, Timeouts.seconds(30));
                assertThat(Arrays.copyOf(into, length)).as("record %d", seq).isEqualTo(record(seq));
            }
            threads.joinAll();
            assertThat(consumer.poll(into)).as("nothing after the last record").isEqualTo(-1);
            assertThat(producer.padsWritten).as("records that started over at offset 0").isGreaterThan(records / 10);
        }
    }

    @Test
    void aRecordLongerThanTheRingIsAClearErrorAndWritesNothing() throws IOException {
        try (RingQueue ring = RingQueue.create(64)) {
            byte[] tooLong = new byte[29];
            assertThatThrownBy(() -> ring.offer(tooLong, 0, tooLong.length)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a record of 29 bytes is too long for a ring of 64 bytes (at most 28, half the ring less its length)");
            assertThat(ring.poll(new byte[64])).isEqualTo(-1);
            assertThat(ring.offer(new byte[28], 0, 28)).as("the longest record fits").isTrue();
        }
    }

    @Test
    void withNoConsumerTheProducerSeesFullAndPutGivesUpWithTheReason() throws IOException {
        try (RingQueue ring = RingQueue.create(256)) {
            byte[] record = new byte[28]; // 32 bytes with its length: 8 fill the ring
            int accepted = 0;
            while (ring.offer(record, 0, record.length)) {
                accepted++;
            }
            assertThat(accepted).isEqualTo(8);
            long start = System.nanoTime();
            assertThatThrownBy(() -> ring.put(record, 0, record.length, Duration.ofMillis(100))).isInstanceOf(IOException.class)
                    .hasMessage("the ring stayed full for 100 ms: is its consumer alive?");
            assertThat((System.nanoTime() - start) / 1e6).as("ms until put gave up").isGreaterThanOrEqualTo(100);
            assertThatThrownBy(() -> RingQueue.create(256).take(new byte[8], Duration.ofMillis(50)))
                    .hasMessage("the ring stayed empty for 50 ms: is its producer alive?");
        }
    }

    /** A producer that writes a record and is killed before it publishes it: it prints "staged" and waits. */
    public static final class StagingProducer {
        public static void main(String[] args) throws Exception {
            RingQueue ring = RingQueue.attach(Path.of(args[0]));
            byte[] half = "written but never published".getBytes(StandardCharsets.UTF_8);
            ring.stage(half, 0, half.length);
            System.out.println("staged");
            System.out.flush();
            Thread.sleep(Timeouts.seconds(120).toMillis()); // killed long before this ends
        }
    }

    @Test
    void aProducerKilledInTheMiddleOfARecordLeavesNoHalfRecordBehind() throws IOException {
        try (RingQueue consumer = RingQueue.create(256)) {
            try (ChildJvm producer = ChildJvm.builder(StagingProducer.class).name("staging-producer")
                    .arguments(consumer.file().toString()).timeout(Timeouts.seconds(120)).start()) {
                producer.awaitLine("staged"::equals, Timeouts.seconds(60), "stage its record");
                producer.handle().destroyForcibly();
            }
            byte[] into = new byte[consumer.maxPayload()];
            assertThat(consumer.poll(into)).as("what the killed producer left").isEqualTo(-1);
            try (RingQueue next = RingQueue.attach(consumer.file())) {
                byte[] whole = "the next producer's record".getBytes(StandardCharsets.UTF_8);
                assertThat(next.offer(whole, 0, whole.length)).isTrue();
                int length = consumer.poll(into);
                assertThat(new String(into, 0, length, StandardCharsets.UTF_8)).isEqualTo("the next producer's record");
            }
        }
    }

    @Test
    void aCorruptRecordIsAnIOExceptionNotAWildRead() throws IOException {
        try (RingQueue ring = RingQueue.create(256)) {
            assertThat(ring.offer(new byte[8], 0, 8)).isTrue();
            try (RandomAccessFile raw = new RandomAccessFile(ring.file().toFile(), "rw")) {
                byte[] length = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(1 << 20).array();
                raw.seek(384); // the first record's length
                raw.write(length);
            }
            assertThatThrownBy(() -> ring.poll(new byte[256])).isInstanceOf(IOException.class)
                    .hasMessageStartingWith("a corrupt record at position 0: length 1048576");
        }
    }

    @Test
    void theFileIsOwnerOnlyAndGoneAfterCloseAndOtherFilesAreRefused() throws IOException {
        Path file;
        try (RingQueue ring = RingQueue.create(64); PrivateDirectory directory = PrivateDirectory.create("test")) {
            file = ring.file();
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
            Path other = Files.write(directory.path().resolve("other"), new byte[1024]);
            assertThatThrownBy(() -> RingQueue.attach(other)).hasMessageContaining("is not a ring queue");
            assertThatThrownBy(() -> RingQueue.create(100)).hasMessageContaining("power of two");
        }
        assertThat(file).doesNotExist();
    }

    /** The header of a ring, written as another process of the same user could write it. */
    private static void overwrite(Path file, int at, long value, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.nativeOrder());
            if (bytes == 4) {
                buffer.putInt((int) value);
            } else {
                buffer.putLong(value);
            }
            channel.write(buffer.flip(), at);
        }
    }

    @Test
    void aHeaderAnotherProcessOverwroteIsRefusedOnAttach() throws IOException {
        try (RingQueue ring = RingQueue.create(256)) {
            for (int capacity : new int[] {0, 3, -8, 1 << 20}) {
                overwrite(ring.file(), 8, capacity, 4);
                assertThatThrownBy(() -> RingQueue.attach(ring.file())).isInstanceOf(IOException.class)
                        .hasMessageContaining("is not a ring queue: its header says " + capacity + " bytes of ring");
            }
            overwrite(ring.file(), 8, 256, 4);
            overwrite(ring.file(), 256, 1000, 8); // the consumer ahead of the producer
            assertThatThrownBy(() -> RingQueue.attach(ring.file())).isInstanceOf(IOException.class)
                    .hasMessageContaining("the consumer is at byte 1000 and the producer at 0");
        }
    }

    @Test
    void positionsOverwrittenWhileAttachedAreAnErrorNotPhantomRecordsOrOverwrittenOnes() throws IOException {
        try (RingQueue consumer = RingQueue.create(256); RingQueue producer = RingQueue.attach(consumer.file())) {
            byte[] record = record(1);
            assertThat(producer.offer(record, 0, record.length)).isTrue();
            byte[] into = new byte[consumer.maxPayload()];
            assertThat(consumer.poll(into)).isEqualTo(record.length);
            overwrite(consumer.file(), 128, 1L << 40, 8); // a huge tail: empty memory would read as records for ever
            assertThatThrownBy(() -> consumer.poll(into)).isInstanceOf(IOException.class)
                    .hasMessageContaining("which a ring of 256 bytes never allows");
        }
        try (RingQueue consumer = RingQueue.create(256); RingQueue producer = RingQueue.attach(consumer.file())) {
            byte[] record = record(2); // 60 bytes: a few fill the ring, and the producer reads the head again
            overwrite(consumer.file(), 256, 4096, 8); // the consumer's position far ahead of the producer
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10; i++) {
                    producer.offer(record, 0, record.length);
                }
            }).isInstanceOf(IllegalStateException.class).hasMessageContaining("the consumer is at byte 4096");
        }
    }
}
