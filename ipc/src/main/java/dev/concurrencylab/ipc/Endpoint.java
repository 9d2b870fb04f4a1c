package dev.concurrencylab.ipc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A listening socket that only this machine's owner can reach: a Unix-domain socket in a
 * {@link PrivateDirectory}, or TCP bound to the loopback address. Its {@link #address()} is a
 * string ({@code unix:/path} or {@code tcp:127.0.0.1:port}) to hand to a child on its command
 * line; the child calls {@link #connect(String)}.
 */
public final class Endpoint implements AutoCloseable {

    /** How to listen. */
    public enum Transport { UNIX, TCP }

    private final ServerSocketChannel server;
    private final PrivateDirectory directory; // null for TCP
    private final String address;

    private Endpoint(ServerSocketChannel server, PrivateDirectory directory, String address) {
        this.server = server;
        this.directory = directory;
        this.address = address;
    }

    /** Listens with the given transport. */
    public static Endpoint listen(Transport transport) throws IOException {
        if (transport == Transport.UNIX) {
            PrivateDirectory directory = PrivateDirectory.create("socket");
            Path socket = directory.path().resolve("endpoint.sock");
            try {
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                        .bind(UnixDomainSocketAddress.of(socket));
                return new Endpoint(server, directory, "unix:" + socket);
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        return new Endpoint(server, null, "tcp:" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
    }

    /** A Unix-domain socket where the platform has them, else TCP loopback. */
    public static Transport bestTransport() {
        return unixSocketsAvailable() ? Transport.UNIX : Transport.TCP;
    }

    /** Whether this JDK and OS offer Unix-domain sockets (Linux, macOS, Windows 10 1803+). */
    public static boolean unixSocketsAvailable() {
        try (ServerSocketChannel probe = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            return probe.isOpen();
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** Where to connect. */
    public String address() {
        return address;
    }

    /** Waits for the next connection. */
    public SocketChannel accept() throws IOException {
        return server.accept();
    }

    /**
     * Waits up to {@code timeout} for the next connection. If none comes (a child that died before
     * connecting), the endpoint is closed, which is what unblocks the accept, and an
     * {@link IOException} says so.
     */
    public SocketChannel accept(Duration timeout) throws IOException {
        CompletableFuture<SocketChannel> accepted = new CompletableFuture<>();
        Thread acceptor = Thread.ofVirtual().start(() -> {
            try {
                accepted.complete(server.accept());
            } catch (IOException e) {
                accepted.completeExceptionally(e);
            }
        });
        try {
            return accepted.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close();
            throw new IOException("no connection to " + address + " within " + timeout);
        } catch (ExecutionException e) {
            throw new IOException("accept on " + address + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while waiting for a connection to " + address, e);
        } finally {
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Connects to an address given by {@link #address()}. */
    public static SocketChannel connect(String address) throws IOException {
        return SocketChannel.open(parse(address));
    }

    static SocketAddress parse(String address) {
        if (address.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(address.substring("unix:".length()));
        }
        if (address.startsWith("tcp:")) {
            String hostPort = address.substring("tcp:".length());
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a tcp address is tcp:host:port, not '" + address + "'");
            }
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }
        throw new IllegalArgumentException("an address starts with unix: or tcp:, not '" + address + "'");
    }

    /** Stops listening and removes the socket file and its directory. */
    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            if (directory != null) {
                directory.close();
            }
        }
    }
}
