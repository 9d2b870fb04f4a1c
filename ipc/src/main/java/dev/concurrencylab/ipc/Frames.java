package dev.concurrencylab.ipc;

/**
 * The frame format shared by every channel here: one magic byte, a 4-byte big-endian length, then
 * that many bytes of payload.
 *
 * <pre>
 *   +------+----------------+---------------------+
 *   | 0xCA | length (int32) | payload (length B)  |
 *   +------+----------------+---------------------+
 * </pre>
 *
 * <p>The magic byte makes a peer that speaks something else fail fast with
 * {@link FrameException.Problem#BAD_MAGIC} instead of being read as a huge length; the maximum
 * frame size (checked before any allocation) makes a corrupt or hostile length fail with
 * {@link FrameException.Problem#TOO_LARGE} instead of an {@link OutOfMemoryError}.
 */
public final class Frames {

    /** First byte of every frame. */
    public static final byte MAGIC = (byte) 0xCA;
    /** Magic byte plus length. */
    public static final int HEADER_BYTES = 5;
    /** The default largest payload a reader accepts: 8 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;

    private Frames() {}
}
