package dev.concurrencylab.it;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.testing.Await;
import dev.concurrencylab.ipc.Codec;
import dev.concurrencylab.ipc.Endpoint;
import dev.concurrencylab.ipc.Frames;
import dev.concurrencylab.ipc.QueueClient;
import dev.concurrencylab.ipc.QueueHost;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A queue host in a JVM with a 64 MiB heap, and 48 connections that each send a header claiming
 * a frame of nearly 8 MiB (384 MiB in all), a few bytes of it, and then nothing. The host must
 * hold on to what was sent, not what was claimed, and go on serving a well-behaved client.
 */
class HeaderFloodIT {

    static final int FLOODERS = 48;

    /** The host: answers "clients-in-a-frame" and "heap" (bytes used after a GC) on stdin. */
    static final class FloodedHost {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            try (QueueHost host = QueueHost.start()) {
                ChildSide.sayReady();
                System.out.println("address " + host.address());
                BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line; (line = stdin.readLine()) != null; ) {
                    switch (line) {
                        case "clients-in-a-frame" -> System.out.println("in-a-frame " + host.clientsInAFrame());
                        case "heap" -> {
                            System.gc();
                            System.out.println("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                        }
                        default -> throw new IllegalArgumentException(line);
                    }
                }
            }
        }
    }

    @Test
    void stalledHeadersClaimingLargeFramesCostWhatWasSentAndTheHostServesOn() throws Exception {
        List<SocketChannel> flooders = new ArrayList<>();
        try (ChildJvm child = ChildJvm.builder(FloodedHost.class).name("flooded-host").jvmOptions("-Xmx64m").start()) {
            child.awaitReady(Timeouts.seconds(60));
            String address = child.awaitValue("address ", Timeouts.seconds(60), "name its address");
            child.sendLine("heap");
            long before = Long.parseLong(child.awaitValue("heap ", Timeouts.seconds(60), "report its heap"));

            byte[] stall = ByteBuffer.allocate(Frames.HEADER_BYTES + 3).put(Frames.MAGIC)
                    .putInt(Frames.DEFAULT_MAX_FRAME_BYTES - 1).put(new byte[3]).array();
            for (int i = 0; i < FLOODERS; i++) {
                SocketChannel flooder = Endpoint.connect(address);
                flooders.add(flooder);
                flooder.write(ByteBuffer.wrap(stall));
            }
            Await.until("every flooder's header to be read", () -> {
                child.sendLine("clients-in-a-frame");
                return Integer.parseInt(child.awaitValue("in-a-frame ", Timeouts.seconds(60), "count")) == FLOODERS;
            });
            child.sendLine("heap");
            long during = Long.parseLong(child.awaitValue("heap ", Timeouts.seconds(60), "report its heap"));
            System.out.printf("header flood: %d connections claiming %d MiB in all; host heap after GC %.1f MiB before, %.1f MiB during%n",
                    FLOODERS, (long) FLOODERS * Frames.DEFAULT_MAX_FRAME_BYTES >> 20, before / 1048576.0, during / 1048576.0);

            long sum = 0;
            try (QueueClient good = QueueClient.connect(address)) {
                for (long n = 1; n <= 1000; n++) {
                    good.put(Codec.LONG.toBytes(n));
                }
                for (int i = 0; i < 1000; i++) {
                    sum += Codec.LONG.fromBytes(good.take());
                }
            }
            assertThat(sum).as("a well-behaved client's 1000 items, by checksum").isEqualTo(1000L * 1001 / 2);
            assertThat(during - before).as("heap the 48 stalled frames hold").isLessThan(16L << 20);
            assertThat(child.isAlive()).isTrue();
            assertThat(child.stderr()).doesNotContain("OutOfMemoryError");
        } finally {
            for (SocketChannel flooder : flooders) {
                flooder.close();
            }
        }
    }
}
