package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Timeouts;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How every member and client of a lesson's cluster is configured: members of one run find each
 * other by TCP-IP on 127.0.0.1 only, at ports chosen for that run, under a cluster name unique to
 * it, so two runs on one machine never meet. No multicast, no cloud auto-detection, no phone-home,
 * no join delay. Objects cross as {@link ClusterTasks} ({@code IdentifiedDataSerializable}), never
 * as Java serialization of a class outside this package.
 *
 * @param clusterName   unique per run
 * @param ports         the members' ports on 127.0.0.1, one each
 * @param partitions    the partition count (271 is Hazelcast's default; fewer start faster)
 * @param heartbeatSeconds how long a member may be silent before the others remove it
 */
record ClusterSettings(String clusterName, List<Integer> ports, int partitions, int heartbeatSeconds) {

    /**
     * Hazelcast's own logger: silent unless a reader asks for it ({@code --verbose}). Its errors
     * come with stack traces; the lessons and members report a failure in one line of their own.
     */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    static void quietLogging(boolean verbose) {
        HAZELCAST_LOG.setLevel(verbose ? Level.INFO : Level.OFF);
    }

    /** {@code name ports partitions heartbeat}, for a member's command line. */
    List<String> arguments() {
        return List.of(clusterName, String.join(",", ports.stream().map(String::valueOf).toList()),
                Integer.toString(partitions), Integer.toString(heartbeatSeconds));
    }

    static ClusterSettings parse(String[] args) {
        return new ClusterSettings(args[0], List.of(args[1].split(",")).stream().map(Integer::valueOf).toList(),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    Config member(int port) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.partition.count", Integer.toString(partitions));
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(heartbeatSeconds));
        // SIGTERM hands the member's partitions on before it exits, within a bound.
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
        config.setProperty("hazelcast.graceful.shutdown.max.wait", Long.toString(Timeouts.seconds(30).toSeconds()));
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(addresses());
        serialization(config.getSerializationConfig());
        return config;
    }

    ClientConfig client() {
        ClientConfig config = new ClientConfig().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.client.invocation.timeout.seconds", Long.toString(Timeouts.seconds(60).toSeconds()));
        config.getNetworkConfig().setAddresses(addresses());
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(Timeouts.seconds(30).toMillis());
        serialization(config.getSerializationConfig());
        return config;
    }

    private List<String> addresses() {
        return ports.stream().map(port -> "127.0.0.1:" + port).toList();
    }

    private static void serialization(SerializationConfig serialization) {
        serialization.addDataSerializableFactory(ClusterTasks.FACTORY_ID, new ClusterTasks.Factory());
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes(ClusterTasks.class.getPackageName() + ".");
        serialization.setJavaSerializationFilterConfig(filter);
    }
}
