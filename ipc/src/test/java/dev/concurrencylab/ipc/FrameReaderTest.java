package dev.concurrencylab.ipc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;

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
}
