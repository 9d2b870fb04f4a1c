package dev.concurrencylab.cluster;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A Hazelcast cluster on this machine for one lesson run: members in child JVMs of their own
 * (each dies with this JVM, also when a lesson fails), and this JVM connected as a <em>client</em>.
 *
 * <p>Why a client and not a member: a member holds partitions, so the lesson's own JVM would own
 * a share of the data it measures and would be one of the processes the failure lesson kills. A
 * client holds nothing: every member counted is a child JVM, and killing one never kills the
 * observer.
 *
 * <p>Every member of a run listens on a port of 127.0.0.1 picked for it (free when picked, and
 * below the range the system hands to outgoing connections) and
 * knows the others' ports; the cluster name carries this JVM's pid and a random part, so that
 * two runs on one machine cannot join each other. A port that another process takes between the
 * pick and the member's start fails that member, in one line that names the port.
 */
final class LocalCluster implements AutoCloseable {

    /** Options that open the JDK internals Hazelcast uses; without them it logs a warning at start. */
    static final List<String> MEMBER_JVM_OPTIONS = memberJvmOptions();

    private static List<String> memberJvmOptions() {
        List<String> options = new ArrayList<>(List.of("-Xmx256m",
            "--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow"); // else JDK 23+ warns of Hazelcast's use of Unsafe
        }
        return List.copyOf(options);
    }

    /**
     * How a member's JIT compiles. Members that start together on a machine with few cores spend
     * much of their start in the optimising compiler, fighting each other for the cores; a member
     * whose speed no lesson measures does not need it.
     */
    enum Jit {
        /** The client compiler only ({@code -XX:TieredStopAtLevel=1}): members that hold a lesson's data and whose speed is not measured. */
        QUICK_START("-XX:TieredStopAtLevel=1"),
        /** Both compilers, as a member in production runs: members whose work or throughput a lesson measures. */
        FULL();

        private final List<String> options;

        Jit(String... options) {
            this.options = List.of(options);
        }
    }

    /**
     * Set by this module's tests ({@code -Dconcurrencylab.cluster.shared=true}): a lesson that
     * asks with {@link #startOrReuse} takes the cluster the previous such lesson closed, if it has
     * the same shape and every member still answers, instead of starting members of its own (the
     * start is most of a quick cluster lesson). Its distributed objects are destroyed in between,
     * so each lesson finds an empty cluster. The launcher never shares: a reader's run starts its
     * own members.
     */
    private static final boolean SHARED = Boolean.getBoolean("concurrencylab.cluster.shared");

    /** The cluster the last sharing lesson closed, waiting for the next; ended when the JVM exits. */
    private static final AtomicReference<LocalCluster> IDLE = new AtomicReference<>();

    static {
        if (SHARED) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("idle-cluster-end").unstarted(() -> {
                LocalCluster idle = IDLE.getAndSet(null);
                if (idle != null) {
                    idle.end();
                }
            }));
        }
    }

    private final ClusterSettings settings;
    private final Jit jit;
    private boolean reusable; // started by startOrReuse while sharing
    private final List<ChildJvm> members = new ArrayList<>();
    private final List<Duration> joinTimes = new ArrayList<>();
    private final List<UUID> uuids = new ArrayList<>();
    private HazelcastInstance client;

    private LocalCluster(ClusterSettings settings, Jit jit) {
        this.settings = settings;
        this.jit = jit;
    }

    /** Starts {@code size} members (at most {@code capacity} ever, for lessons that add some later) and connects. */
    static LocalCluster start(int size, int capacity, int partitions, int heartbeatSeconds, Jit jit) {
        return start(new ClusterSettings(uniqueName(), MemberPorts.free(capacity), partitions, heartbeatSeconds), size, jit);
    }

    /** {@code concurrency-lab-p<pid>-<random>}: no other run's members can join it. */
    static String uniqueName() {
        return "concurrency-lab-p" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A cluster of {@code size} members with the given settings (tests use it to choose the ports). */
    static LocalCluster start(ClusterSettings settings, int size, Jit jit) {
        ClusterSettings.quietLogging(Boolean.getBoolean("concurrencylab.verbose"));
        LocalCluster cluster = new LocalCluster(settings, jit);
        try {
            cluster.addMembers(size);
            cluster.client = HazelcastClient.newHazelcastClient(settings.client());
            cluster.awaitClientSeesEveryMember();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    static LocalCluster start(int size, int partitions, Jit jit) {
        return start(size, size, partitions, 60, jit);
    }

    /** {@link #start(int, int, Jit)}, or, where the tests share clusters, the idle one if it fits and answers. */
    static LocalCluster startOrReuse(int size, int partitions, Jit jit) {
        if (!SHARED) {
            return start(size, partitions, jit);
        }
        LocalCluster idle = IDLE.getAndSet(null);
        if (idle != null) {
            if (idle.members.size() == size && idle.settings.partitions() == partitions && idle.jit == jit && idle.answers()) {
                return idle;
            }
            idle.end();
        }
        LocalCluster fresh = start(size, partitions, jit);
        fresh.reusable = true;
        return fresh;
    }

    /**
     * Every member is alive and answers a command, the answers of the lesson before read past
     * (one that failed half-way may have left some), and the client is connected.
     */
    private boolean answers() {
        try {
            for (ChildJvm member : members) {
                member.sendLine("safe");
                member.awaitLine(line -> line.startsWith("safe "), Timeouts.seconds(30), "answer 'safe'");
            }
            return client.getLifecycleService().isRunning()
                    && client.getCluster().getMembers().size() == members.size();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts {@code count} more members and waits until each has joined; their times from launch
     * to joined are in {@link #joinTimes()}. A new cluster's first member starts alone: members
     * that start together spend seconds electing a master, while one that finds a master joins it.
     */
    void addMembers(int count) {
        if (members.isEmpty() && count > 1) {
            addMembers(1);
            count--;
        }
        int first = members.size();
        if (first + count > settings.ports().size()) {
            throw new IllegalArgumentException("this cluster has ports for " + settings.ports().size() + " members");
        }
        List<Long> launched = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            List<String> arguments = new ArrayList<>(List.of(Integer.toString(settings.ports().get(i))));
            arguments.addAll(settings.arguments());
            launched.add(System.nanoTime());
            members.add(ChildJvm.builder(ClusterMember.class).name("member-" + (i + 1))
                    .jvmOptions(MEMBER_JVM_OPTIONS.toArray(String[]::new))
                    .jvmOptions(jit.options.toArray(String[]::new))
                    .jvmOptions("-Dconcurrencylab.verbose=" + Boolean.getBoolean("concurrencylab.verbose"))
                    .arguments(arguments.toArray(String[]::new)).timeout(Timeouts.seconds(600)).start());
        }
        for (int i = first; i < first + count; i++) {
            uuids.add(UUID.fromString(members.get(i).awaitValue("member ", Timeouts.seconds(120), "join the cluster")));
            members.get(i).awaitReady(Timeouts.seconds(120));
            joinTimes.add(Duration.ofNanos(System.nanoTime() - launched.get(i - first)));
        }
        if (client != null) {
            awaitClientSeesEveryMember();
        }
    }

    /**
     * A member that started but is not in the client's view formed a cluster of its own (another
     * cluster name, a port it could not reach): say so in one line rather than measure the wrong cluster.
     */
    private void awaitClientSeesEveryMember() {
        long deadline = System.nanoTime() + Timeouts.seconds(30).toNanos();
        int seen;
        long alive;
        while ((seen = client.getCluster().getMembers().size()) != (alive = members.stream().filter(ChildJvm::isAlive).count())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(alive + " members are running but the client sees " + seen
                        + " in cluster '" + settings.clusterName() + "' at " + settings.ports());
            }
            try {
                Thread.sleep(10); // the client learns of members from the cluster's own announcements
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the client to see every member", e);
            }
        }
    }

    HazelcastInstance client() {
        return client;
    }

    List<ChildJvm> members() {
        return members;
    }

    /** The cluster's id for member {@code index}, as membership events name it. */
    UUID uuid(int index) {
        return uuids.get(index);
    }

    List<Duration> joinTimes() {
        return joinTimes;
    }

    ClusterSettings settings() {
        return settings;
    }

    /** Sends a command to member {@code index} (see {@link ClusterMember}) and returns its answer. */
    String ask(int index, String command) {
        ChildJvm member = members.get(index);
        member.sendLine(command);
        return answer(index, command);
    }

    /** The answer of member {@code index} to a command sent before; an {@code error} answer throws. */
    String answer(int index, String command) {
        String line = members.get(index).awaitLine(answer -> true, Timeouts.seconds(300), "answer '" + command + "'");
        if (line.startsWith("error ")) {
            throw new IllegalStateException(members.get(index).name() + " could not " + command + ": " + line.substring(6));
        }
        return line;
    }

    /** SIGKILL, as a crash or a pulled plug: no goodbye to the others. */
    void kill(int index) {
        members.get(index).handle().destroyForcibly();
    }

    /** SIGSTOP: the process is frozen, its sockets stay open, and only the heartbeats tell. */
    void freeze(int index) throws IOException, InterruptedException {
        signal("-STOP", index);
    }

    void thaw(int index) throws IOException, InterruptedException {
        signal("-CONT", index);
    }

    static boolean canFreeze() {
        return !Executables.WINDOWS && Executables.onPath("kill").isPresent();
    }

    private void signal(String signal, int index) throws IOException, InterruptedException {
        Executables.Outcome sent = Executables.run(List.of(Executables.onPath("kill").orElseThrow().toString(), signal,
                Long.toString(members.get(index).pid())), Timeouts.seconds(10));
        if (sent.exitCode() != 0) {
            throw new IOException("kill " + signal + " " + members.get(index).pid() + " failed: " + sent.stderr());
        }
    }

    /**
     * Disconnects the client and ends every member (a frozen one too: SIGKILL ends a stopped
     * process); where the tests share clusters, empties a shared one and keeps it for the next lesson.
     */
    @Override
    public void close() {
        if (reusable && client != null && members.stream().allMatch(ChildJvm::isAlive)) {
            try {
                client.getDistributedObjects().forEach(DistributedObject::destroy);
                if (IDLE.compareAndSet(null, this)) {
                    return;
                }
            } catch (RuntimeException e) {
                // a cluster that cannot be emptied is ended, below
            }
        }
        end();
    }

    private void end() {
        try {
            if (client != null) {
                client.shutdown();
            }
        } finally {
            members.forEach(ChildJvm::close);
        }
    }
}
