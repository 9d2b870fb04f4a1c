package dev.concurrencylab.ipc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameReaderTest {

    private static FrameReader reader(byte[] bytes, int maxFrame) {
        return new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes)), 64, maxFrame);
    }

    private static byte[] header(byte magic, int length) {
        return ByteBuffer.allocate(Frames.HEADER_BYTES).put(magic).putInt(length).array();
    }

    @Test
    void aCleanEndBetweenFramesIsNull() throws IOException {
        assertThat(reader(new byte[0], 100).read()).isNull();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FrameWriter writer = new FrameWriter(bytes)) {
            writer.write(new byte[] {1, 2, 3});
        }
        FrameReader reader = reader(bytes.toByteArray(), 100);
        assertThat(reader.read()).containsExactly(1, 2, 3);
        assertThat(reader.read()).isNull();
    }

    /** A header, then its payload or none of it: the frames around it read as if the header and payload had come in one read. */
    @Test
    void aHeaderReadAloneIsFollowedByItsPayloadOrSkippedWhole() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FrameWriter writer = new FrameWriter(bytes)) {
            writer.write(new byte[] {1, 2, 3});
            writer.write(new byte[200]); // larger than the reader's 64-byte buffer
            writer.write(new byte[] {4});
        }
        FrameReader reader = reader(bytes.toByteArray(), 1000);
        assertThat(reader.nextLength()).isEqualTo(3);
        assertThatThrownBy(reader::read).as("a read with a payload pending").isInstanceOf(IllegalStateException.class);
        assertThat(reader.payload()).containsExactly(1, 2, 3);
        assertThat(reader.nextLength()).isEqualTo(200);
        reader.skipPayload();
        assertThat(reader.read()).containsExactly(4);
        assertThat(reader.nextLength()).as("at the clean end").isEqualTo(-1);
        assertThatThrownBy(reader::payload).as("a payload with no header read").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWrongFirstByteIsBadMagic() {
        assertThatThrownBy(() -> reader("GET / HTTP/1.1\r\n".getBytes(), 100).read())
                .isInstanceOf(FrameException.class)
                .hasMessageContaining("0x47")
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.BAD_MAGIC);
    }

    @Test
    void aNegativeLengthIsRefused() {
        assertThatThrownBy(() -> reader(header(Frames.MAGIC, -5), 100).read())
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.NEGATIVE_LENGTH);
    }

    @Test
    void anOversizedLengthIsRefusedBeforeAnythingIsAllocated() {
        // 2 GiB announced, 5 bytes sent: an allocating reader would die of OutOfMemoryError here.
        assertThatThrownBy(() -> reader(header(Frames.MAGIC, Integer.MAX_VALUE), 1024).read())
                .hasMessageContaining("over the maximum of 1024")
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.TOO_LARGE);
    }

    @Test
    void aPeerThatDiesMidHeaderOrMidPayloadIsTruncated() {
        assertThatThrownBy(() -> reader(new byte[] {Frames.MAGIC, 0, 0}, 100).read())
                .hasMessageContaining("in a frame header")
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.TRUNCATED);
        byte[] halfFrame = ByteBuffer.allocate(Frames.HEADER_BYTES + 3).put(Frames.MAGIC).putInt(10).put(new byte[3]).array();
        assertThatThrownBy(() -> reader(halfFrame, 100).read())
                .hasMessageContaining("after 3 of 10 payload bytes")
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.TRUNCATED);
    }

    @Test
    void theWriterRefusesFramesOverItsMaximum() {
        FrameWriter writer = new FrameWriter(Channels.newChannel(new ByteArrayOutputStream()), 64, 10);
        assertThatThrownBy(() -> writer.write(new byte[11])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aHeaderThatClaimsALargeFrameCostsWhatWasSentNotWhatWasClaimed() {
        int claimed = 64 << 20;
        byte[] stalling = ByteBuffer.allocate(Frames.HEADER_BYTES + 100).put(Frames.MAGIC).putInt(claimed).put(new byte[100]).array();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> reader(stalling, 128 << 20).read()).hasMessageContaining("after 100 of " + claimed);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for a 64 MiB claim backed by 100 bytes").isLessThan(4L << 20);
    }

    @Test
    void aViewIsTheFrameAndNotAByteMoreAndEndsCleanlyOrTruncated() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] large = new byte[1000];
        new java.util.Random(7).nextBytes(large);
        try (FrameWriter writer = new FrameWriter(bytes)) {
            writer.write(new byte[] {1, 2, 3});
            writer.write(large);
            writer.write(new byte[] {4});
        }
        FrameReader reader = reader(bytes.toByteArray(), 2000);
        assertThat(bytesOf(reader.readView())).containsExactly(1, 2, 3);
        ByteBuffer view = reader.readView();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(bytesOf(view)).isEqualTo(large);
        assertThat(bytesOf(reader.readView())).containsExactly(4);
        assertThat(reader.readView()).isNull();

        byte[] halfFrame = ByteBuffer.allocate(Frames.HEADER_BYTES + 300).put(Frames.MAGIC).putInt(1000).put(new byte[300]).array();
        assertThatThrownBy(() -> reader(halfFrame, 2000).readView())
                .hasMessageContaining("after 300 of 1000 payload bytes")
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.TRUNCATED);
        assertThatThrownBy(() -> reader(header(Frames.MAGIC, 2001), 2000).readView())
                .extracting(e -> ((FrameException) e).problem()).isEqualTo(FrameException.Problem.TOO_LARGE);
    }

    @Test
    void aViewOfAClaimedLargeFrameTakesMemoryAsItsBytesComeNotAsClaimed() {
        int claimed = 64 << 20;
        byte[] stalling = ByteBuffer.allocate(Frames.HEADER_BYTES + 100).put(Frames.MAGIC).putInt(claimed).put(new byte[100]).array();
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        long before = direct.getMemoryUsed();
        FrameReader reader = reader(stalling, 128 << 20);
        assertThatThrownBy(reader::readView).hasMessageContaining("after 100 of " + claimed);
        long taken = direct.getMemoryUsed() - before;
        assertThat(taken).as("direct memory taken for a 64 MiB claim backed by 100 bytes").isLessThan(4L << 20);
    }

    private static byte[] bytesOf(ByteBuffer view) {
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    @Test
    void aLargeFrameArrivingInSmallPiecesIsReadWhole() throws IOException {
        byte[] payload = new byte[5 * (1 << 20) + 17];
        new java.util.Random(42).nextBytes(payload);
        byte[] frame = ByteBuffer.allocate(Frames.HEADER_BYTES + payload.length).put(Frames.MAGIC).putInt(payload.length).put(payload).array();
        assertThat(new FrameReader(trickle(frame), 64, 8 << 20).read()).isEqualTo(payload);
        // As a view: its memory grows past the first mebibyte as the bytes come.
        assertThat(bytesOf(new FrameReader(trickle(frame), 64, 8 << 20).readView())).isEqualTo(payload);
    }

    /** A channel that hands out {@code bytes} 7 KiB at a time. */
    private static ReadableByteChannel trickle(byte[] bytes) {
        return new ReadableByteChannel() {
            private final ByteBuffer source = ByteBuffer.wrap(bytes);

            @Override
            public int read(ByteBuffer target) {
                if (!source.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(7 * 1024, Math.min(target.remaining(), source.remaining()));
                target.put(source.slice(source.position(), n));
                source.position(source.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };
    }
}
