package dev.concurrencylab.it;

import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.ipc.Endpoint;
import dev.concurrencylab.ipc.Frames;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue host in a JVM with a 64 MiB heap, and 48 connections that each send a header claiming
 * a frame of nearly 8 MiB (384 MiB in all), a few bytes of it, and then nothing. The host must
 * hold on to what was sent, not what was claimed, and go on serving a well-behaved client. (Room
 * in the byte budget is made for a large frame before its payload is read: the first flooders
 * take it and are read, the others wait for room, unread.)
 */
class HeaderFloodIT {

    static final int FLOODERS = 48;

    @Test
    void stalledHeadersClaimingLargeFramesCostWhatWasSentAndTheHostServesOn() throws Exception {
        List<SocketChannel> flooders = new ArrayList<>();
        try (HostInAChild host = HostInAChild.start("flooded-host", Duration.ofMinutes(5), 256, "-Xmx64m")) {
            long before = host.ask("heap");
            byte[] stall = ByteBuffer.allocate(Frames.HEADER_BYTES + 3).put(Frames.MAGIC)
                    .putInt(Frames.DEFAULT_MAX_FRAME_BYTES - 1).put(new byte[3]).array();
            for (int i = 0; i < FLOODERS; i++) {
                SocketChannel flooder = Endpoint.connect(host.address());
                flooders.add(flooder);
                flooder.write(ByteBuffer.wrap(stall));
            }
            Await.until("every flooder's header to be read", () -> host.ask("clients-in-a-frame") + host.ask("waiting-for-room") == FLOODERS);
            long during = host.ask("heap");
            System.out.printf("header flood: %d connections claiming %d MiB in all; host heap after GC %.1f MiB before, %.1f MiB during%n",
                    FLOODERS, (long) FLOODERS * Frames.DEFAULT_MAX_FRAME_BYTES >> 20, before / 1048576.0, during / 1048576.0);

            host.assertServesAWellBehavedClient(1000);
            assertThat(during - before).as("heap the 48 stalled frames hold").isLessThan(16L << 20);
        } finally {
            for (SocketChannel flooder : flooders) {
                flooder.close();
            }
        }
    }
}
