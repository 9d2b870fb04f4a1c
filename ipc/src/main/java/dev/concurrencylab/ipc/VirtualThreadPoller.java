package dev.concurrencylab.ipc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sets up the JDK's poller for virtual threads while file descriptors are known to be free.
 *
 * <p>The JDK creates it (an epoll or kqueue descriptor, and its threads) the first time a virtual
 * thread blocks on a socket. If that first time falls while the process has no descriptor left,
 * its class fails to initialise and stays failed: every later socket read on a virtual thread
 * throws {@code NoClassDefFoundError}, long after descriptors are free again. A host that
 * serves its clients on virtual threads therefore has one of them block once, on a pipe, before
 * it accepts anyone.
 */
final class VirtualThreadPoller {

    private static final AtomicBoolean READY = new AtomicBoolean();

    private VirtualThreadPoller() {}

    static void setUp() {
        if (READY.get()) {
            return;
        }
        try {
            Pipe pipe = Pipe.open();
            try {
                Thread reader = Thread.ofVirtual().name("poller-setup").start(() -> {
                    try {
                        pipe.source().read(ByteBuffer.allocate(1));
                    } catch (IOException e) {
                        // the sink closed: nothing to read, and nothing lost
                    }
                });
                // A parked virtual thread is WAITING: it registered with the poller, which now exists.
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (reader.getState() != Thread.State.WAITING && reader.isAlive() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                pipe.sink().write(ByteBuffer.wrap(new byte[1]));
                reader.join(Duration.ofSeconds(10));
                READY.set(true);
            } finally {
                pipe.sink().close();
                pipe.source().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set up the poller for virtual threads", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
