package dev.concurrencylab.exercises.ipc;

import dev.concurrencylab.ipc.SharedLongs;

import java.io.IOException;
import java.io.InputStream;

/**
 * What the ipc chapter's exercises implement: the graders test these interfaces. Do not change
 * them; change the exercise files.
 */
public final class Ipc {

    private Ipc() {}

    /** The largest payload a frame of exercise 10 may carry. */
    public static final int MAX_PAYLOAD = 1 << 20;

    /** Exercise 10: frames of a 4-byte big-endian length, then that many bytes. */
    public interface FrameReader {
        /**
         * The next frame's payload; null when the stream ends before a frame begins. A stream
         * that ends inside a frame is an {@link java.io.EOFException}; a length below 0 or above
         * {@link #MAX_PAYLOAD} is an {@link IOException}, thrown before reading any payload.
         */
        byte[] readFrame(InputStream in) throws IOException;
    }

    /** Exercise 11: a payload with a CRC32C after it, so that damage on the way is noticed. */
    public interface Seal {
        /** The payload followed by the 4 bytes of its CRC32C, big-endian. */
        byte[] seal(byte[] payload);

        /** The payload of a sealed message; an {@link IOException} when it is damaged or too short. */
        byte[] open(byte[] sealed) throws IOException;
    }

    /** Exercise 12. */
    public interface SharedIncrement {
        /**
         * Adds one to {@code memory}'s slot {@code slot}, exactly, while other threads and other
         * JVMs do the same to the same slot; slot {@code lockSlot} is yours to use as a lock
         * ({@link SharedLongs#withLock}) if you want one.
         */
        void increment(SharedLongs memory, int slot, int lockSlot);
    }
}
