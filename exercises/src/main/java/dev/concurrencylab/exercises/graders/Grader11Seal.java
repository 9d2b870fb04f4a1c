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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Exercise 11. */
@ExtendWith(Subjects.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class Grader11Seal {

    private static byte[] payload(int size) {
        byte[] payload = new byte[size];
        new Random(size).nextBytes(payload);
        return payload;
    }

    @Test
    @Order(1)
    @DisplayName("a sealed payload is the payload and its CRC32C, big-endian, and opens to the same bytes")
    void roundTrip(Subject<Ipc.Seal> subject) throws Exception {
        Ipc.Seal seal = subject.create();
        for (int size : new int[] {0, 1, 64, 1000}) {
            byte[] payload = payload(size);
            byte[] sealed = seal.seal(payload);
            CRC32C crc = new CRC32C();
            crc.update(payload);
            byte[] expected = ByteBuffer.allocate(size + 4).put(payload).putInt((int) crc.getValue()).array();
            assertThat(sealed).withFailMessage("sealing %d bytes gave %d bytes that are not the payload and its CRC32C", size,
                    sealed.length).isEqualTo(expected);
            assertThat(seal.open(sealed)).withFailMessage("a sealed %d-byte payload did not open to itself", size).isEqualTo(payload);
        }
    }

    @Test
    @Order(2)
    @DisplayName("a sealed message with any one bit flipped does not open")
    void damaged(Subject<Ipc.Seal> subject) {
        Ipc.Seal seal = subject.create();
        byte[] sealed = seal.seal(payload(64));
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] damaged = Arrays.copyOf(sealed, sealed.length);
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            Throwable thrown = catchThrowable(() -> seal.open(damaged));
            int flipped = bit;
            assertThat(thrown).withFailMessage("with bit %d of %d flipped: %s", flipped, sealed.length * 8,
                    thrown == null ? "it opened as if intact" : "it threw " + thrown + " instead of an IOException")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    @Order(3)
    @DisplayName("a message too short to hold a checksum, or cut short, does not open")
    void cutShort(Subject<Ipc.Seal> subject) {
        Ipc.Seal seal = subject.create();
        byte[] sealed = seal.seal(payload(10));
        for (int length : new int[] {0, 1, 3, 4, 13}) {
            byte[] cut = Arrays.copyOf(sealed, length);
            Throwable thrown = catchThrowable(() -> seal.open(cut));
            assertThat(thrown).withFailMessage("%d of its %d bytes: %s", length, sealed.length,
                    thrown == null ? "it opened" : "it threw " + thrown + " instead of an IOException").isInstanceOf(IOException.class);
        }
    }
}
