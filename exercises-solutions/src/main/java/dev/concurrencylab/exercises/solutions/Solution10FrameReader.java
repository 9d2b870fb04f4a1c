package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.ipc.Ipc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Exercise 10, solved: readFully loops over short reads and throws EOFException at a premature end. */
public final class Solution10FrameReader implements Ipc.FrameReader {

    @Override
    public byte[] readFrame(InputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null; // a clean end, between frames
        }
        DataInputStream data = new DataInputStream(in);
        byte[] rest = new byte[3];
        data.readFully(rest);
        int length = first << 24 | (rest[0] & 0xFF) << 16 | (rest[1] & 0xFF) << 8 | rest[2] & 0xFF;
        if (length < 0 || length > Ipc.MAX_PAYLOAD) {
            throw new IOException("a frame of " + length + " bytes: the limit is " + Ipc.MAX_PAYLOAD);
        }
        byte[] payload = new byte[length];
        try {
            data.readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("the stream ended inside a frame of " + length + " bytes");
        }
        return payload;
    }
}
