package dev.concurrencylab.it;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Asks the local Docker engine {@code GET /_ping}, with a time limit. Testcontainers' own
 * discovery, when no engine is there, can spend minutes trying strategies; this answers in
 * seconds, so that a machine without Docker hears so at once.
 */
final class DockerPing {

    private DockerPing() {}

    /** The engine's Unix socket: DOCKER_HOST if it names one, else the usual path. */
    static Path socket() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        return Path.of("/var/run/docker.sock");
    }

    /** True if an engine answered OK on {@link #socket()} within {@code limit}. */
    static boolean answers(Duration limit) {
        Path socket = socket();
        if (!Files.exists(socket)) {
            return false;
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread asker = Thread.ofVirtual().start(() -> {
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer reply = ByteBuffer.allocate(512);
                while (channel.read(reply) >= 0 && reply.hasRemaining()) {
                    // read until the engine closes (HTTP/1.0) or the buffer is full
                }
                String text = new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII);
                answer.complete(text.startsWith("HTTP/1.") && text.contains(" 200 ") && text.endsWith("OK"));
            } catch (IOException e) {
                answer.complete(false);
            }
        });
        try {
            return answer.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            return false;
        } finally {
            asker.interrupt(); // closes the channel if it is still waiting
        }
    }
}
