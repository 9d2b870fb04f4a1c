package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.ipc.Ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** Exercise 11, solved. */
public final class Solution11Seal implements Ipc.Seal {

    private static int crc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    @Override
    public byte[] seal(byte[] payload) {
        return ByteBuffer.allocate(payload.length + 4).put(payload).putInt(crc(payload, payload.length)).array();
    }

    @Override
    public byte[] open(byte[] sealed) throws IOException {
        if (sealed.length < 4) {
            throw new IOException("a sealed message of " + sealed.length + " bytes cannot hold its 4-byte checksum");
        }
        int length = sealed.length - 4;
        if (ByteBuffer.wrap(sealed, length, 4).getInt() != crc(sealed, length)) {
            throw new IOException("damaged: the checksum does not match the " + length + " bytes before it");
        }
        return Arrays.copyOf(sealed, length);
    }
}
