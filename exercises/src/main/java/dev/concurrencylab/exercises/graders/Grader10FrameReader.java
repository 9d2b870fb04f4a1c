package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.ipc.Ipc;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Exercise 10. Every stream hands over one byte per read, as a slow pipe may. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader10FrameReader {

    /** A stream that returns at most one byte per read, and counts what was read. */
    static final class Trickle extends InputStream {
        private final ByteArrayInputStream bytes;
        int read;

        Trickle(byte[] data) {
            bytes = new ByteArrayInputStream(data);
        }

        @Override
        public int read() {
            int b = bytes.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int b = read();
            if (b < 0) {
                return -1;
            }
            buffer[offset] = (byte) b;
            return 1;
        }
    }

    private static byte[] frame(int length, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(length).put(payload).array();
    }

    private static byte[] payload(int size) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        return payload;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(part -> part.length).sum());
        Arrays.stream(parts).forEach(all::put);
        return all.array();
    }

    @Test
    @Order(1)
    @DisplayName("a frame handed over a byte at a time is read whole")
    void whole(Subject<Ipc.FrameReader> subject) throws Exception {
        byte[] payload = payload(300);
        byte[] read = subject.create().readFrame(new Trickle(frame(300, payload)));
        assertThat(read).withFailMessage("read %s bytes of a 300-byte payload%s", read == null ? "no" : read.length,
                read != null && read.length == 300 ? ", but not the bytes sent" : "").isEqualTo(payload);
    }

    @Test
    @Order(2)
    @DisplayName("two frames back to back, an empty payload among them, then a clean end")
    void backToBack(Subject<Ipc.FrameReader> subject) throws Exception {
        Ipc.FrameReader reader = subject.create();
        byte[] first = payload(17);
        byte[] second = payload(5);
        Trickle in = new Trickle(concat(frame(17, first), frame(0, new byte[0]), frame(5, second)));
        assertThat(reader.readFrame(in)).withFailMessage("the first frame came out wrong").isEqualTo(first);
        byte[] empty = reader.readFrame(in);
        assertThat(empty).withFailMessage("an empty payload came out as %s", empty == null ? "null" : empty.length + " bytes")
                .isNotNull().isEmpty();
        assertThat(reader.readFrame(in)).withFailMessage("the third frame came out wrong").isEqualTo(second);
        assertThat(reader.readFrame(in)).withFailMessage("at the end of the stream it returned a payload, not null").isNull();
    }

    @Test
    @Order(3)
    @DisplayName("a stream that ends inside the length or inside the payload is an EOFException")
    void truncated(Subject<Ipc.FrameReader> subject) {
        Ipc.FrameReader reader = subject.create();
        Throwable inLength = catchThrowable(() -> reader.readFrame(new Trickle(new byte[] {0, 0})));
        assertThat(inLength).withFailMessage("a stream that ended 2 bytes into the length: %s",
                inLength == null ? "it returned normally" : "it threw " + inLength).isInstanceOf(EOFException.class);
        Throwable inPayload = catchThrowable(() -> reader.readFrame(new Trickle(frame(10, payload(4)))));
        assertThat(inPayload).withFailMessage("a stream that ended 4 bytes into a 10-byte payload: %s",
                inPayload == null ? "it returned a payload as if whole" : "it threw " + inPayload).isInstanceOf(EOFException.class);
    }

    @Test
    @Order(4)
    @DisplayName("a length of -1 or of 2 GiB is refused, before reading or allocating a payload")
    void oversized(Subject<Ipc.FrameReader> subject) {
        Ipc.FrameReader reader = subject.create();
        for (int length : new int[] {-1, Integer.MAX_VALUE, Ipc.MAX_PAYLOAD + 1}) {
            Trickle in = new Trickle(frame(length, payload(64)));
            Throwable thrown = catchThrowable(() -> reader.readFrame(in));
            assertThat(thrown).withFailMessage("a frame announcing %,d bytes: %s", length,
                    thrown == null ? "it returned normally" : "it threw " + thrown)
                    .isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class);
            assertThat(in.read - 4).withFailMessage("it read %d payload bytes of a frame announcing %,d bytes before refusing it",
                    in.read - 4, length).isZero();
        }
    }
}
