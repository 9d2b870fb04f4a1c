package dev.concurrencylab.ipc;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FramePropertiesTest {

    @Property(tries = 300)
    void framesRoundTripWhateverTheBufferSizes(@ForAll("payloads") List<byte[]> payloads,
                                               @ForAll @IntRange(min = Frames.HEADER_BYTES, max = 4096) int writeBuffer,
                                               @ForAll @IntRange(min = Frames.HEADER_BYTES, max = 4096) int readBuffer)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(Channels.newChannel(bytes), writeBuffer, 1 << 20);
        for (byte[] payload : payloads) {
            writer.write(payload);
        }
        writer.flush();

        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())),
                readBuffer, 1 << 20);
        List<byte[]> read = new ArrayList<>();
        for (byte[] frame; (frame = reader.read()) != null; ) {
            read.add(frame);
        }
        assertThat(read).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(read.get(i)).isEqualTo(payloads.get(i));
        }
    }

    @Property(tries = 1000)
    void randomBytesGiveFramesOrAFrameExceptionAndNothingElse(@ForAll @Size(max = 300) byte[] garbage,
                                                              @ForAll boolean startWithMagic) {
        if (startWithMagic && garbage.length > 0) {
            garbage[0] = Frames.MAGIC; // get past the magic check as often as not
        }
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(garbage)), 64, 1024);
        try {
            int frames = 0;
            while (reader.read() != null) {
                frames++;
                assertThat(frames).isLessThanOrEqualTo(garbage.length / Frames.HEADER_BYTES);
            }
        } catch (FrameException expected) {
            assertThat(expected.problem()).isNotNull();
            assertThat(expected.getMessage()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("only FrameException may come out of garbage, not " + e, e);
        }
    }

    @Provide
    Arbitrary<List<byte[]>> payloads() {
        Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
        Arbitrary<byte[]> large = Arbitraries.bytes().array(byte[].class).ofMinSize(4000).ofMaxSize(20_000);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, small), net.jqwik.api.Tuple.of(1, large))
                .list().ofMaxSize(40);
    }
}
