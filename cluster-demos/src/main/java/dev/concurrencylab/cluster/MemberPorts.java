package dev.concurrencylab.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The ports of 127.0.0.1 a lesson's members listen on, picked before the members start. */
final class MemberPorts {

    private MemberPorts() {}

    /**
     * Where member ports are picked: below the ephemeral ranges of Linux (from 32768), macOS and
     * Windows (from 49152). A port from those ranges (what binding port 0 gives) may be handed to
     * any outgoing connection, the cluster's own among them, between the pick and the member's
     * start; one below them is taken only by a program that asks for it by number.
     */
    static final int LOWEST_PORT = 20_000;
    static final int HIGHEST_PORT = 32_767;

    /** Ports of 127.0.0.1 that are free now: each is held until all are picked, so none is picked twice. */
    static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        SplittableRandom random = new SplittableRandom();
        try {
            for (int tries = 0; held.size() < count; tries++) {
                if (tries == 1_000) {
                    throw new IOException("1000 ports tried, " + held.size() + " of " + count + " free");
                }
                try {
                    held.add(new ServerSocket(random.nextInt(LOWEST_PORT, HIGHEST_PORT + 1), 1, InetAddress.getLoopbackAddress()));
                } catch (BindException taken) {
                    // in use: try another
                }
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free ports on 127.0.0.1 between " + LOWEST_PORT + " and " + HIGHEST_PORT, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was only held to reserve the number
                }
            }
        }
    }
}
