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
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FramePropertiesTest {

    @Property(tries = 300)
    void framesRoundTripWhateverTheBufferSizes(@ForAll("payloads") List<byte[]> payloads,
                                               @ForAll @IntRange(min = Frames.HEADER_BYTES, max = 4096) int writeBuffer,
                                               @ForAll @IntRange(min = Frames.HEADER_BYTES, max = 4096) int readBuffer,
                                               @ForAll @IntRange(min = 1, max = 5000) int bytesPerWrite,
                                               @ForAll boolean fromDirectBuffers, @ForAll boolean readAsViews)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter writer = new FrameWriter(new ShortWrites(bytes, bytesPerWrite), writeBuffer, 1 << 20);
        for (byte[] payload : payloads) {
            if (fromDirectBuffers) {
                writer.write(ByteBuffer.allocateDirect(payload.length).put(payload).flip());
            } else {
                writer.write(payload);
            }
        }
        writer.flush();

        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(bytes.toByteArray())),
                readBuffer, 1 << 20);
        List<byte[]> read = new ArrayList<>();
        while (true) {
            byte[] frame;
            if (readAsViews) {
                ByteBuffer view = reader.readView();
                frame = view == null ? null : new byte[view.remaining()];
                if (view != null) {
                    view.get(frame);
                }
            } else {
                frame = reader.read();
            }
            if (frame == null) {
                break;
            }
            read.add(frame);
        }
        assertThat(read).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(read.get(i)).isEqualTo(payloads.get(i));
        }
    }

    /** A gathering channel, as a socket is, that takes at most {@code bytesPerWrite} bytes a call, as a full socket does. */
    private static final class ShortWrites implements GatheringByteChannel {
        private final ByteArrayOutputStream out;
        private final int bytesPerWrite;

        ShortWrites(ByteArrayOutputStream out, int bytesPerWrite) {
            this.out = out;
            this.bytesPerWrite = bytesPerWrite;
        }

        @Override
        public int write(ByteBuffer source) {
            return (int) write(new ByteBuffer[] {source}, 0, 1);
        }

        @Override
        public long write(ByteBuffer[] sources, int offset, int length) {
            int written = 0;
            for (int i = offset; i < offset + length && written < bytesPerWrite; i++) {
                int n = Math.min(bytesPerWrite - written, sources[i].remaining());
                byte[] part = new byte[n];
                sources[i].get(part);
                out.writeBytes(part);
                written += n;
            }
            return written;
        }

        @Override
        public long write(ByteBuffer[] sources) {
            return write(sources, 0, sources.length);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
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
