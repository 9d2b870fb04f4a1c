package dev.concurrencylab.cluster;

import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmException;
import dev.concurrencylab.core.testing.Await;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalClusterTest {

    @Test
    void memberPortsAreDistinctFreeAndBelowTheRangeGivenToOutgoingConnections() throws IOException {
        List<Integer> ports = MemberPorts.free(20);
        assertThat(ports).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port)
                .isBetween(MemberPorts.LOWEST_PORT, MemberPorts.HIGHEST_PORT));
        for (int port : ports) {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close(); // free again once picked
        }
    }

    @Test
    void settingsCrossToAMemberUnchanged() {
        ClusterSettings settings = new ClusterSettings("c-1", List.of(5701, 5702), 31, 7);
        assertThat(ClusterSettings.parse(settings.arguments().toArray(String[]::new))).isEqualTo(settings);
    }

    @Test
    void membersListenOnLoopbackOnlyAndAreGoneAfterCloseEvenWhenTheLessonFails() {
        List<String> name = new ArrayList<>();
        List<ProcessHandle> members = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (LocalCluster cluster = LocalCluster.start(2, 31, LocalCluster.Jit.QUICK_START)) {
                name.add(cluster.settings().clusterName());
                cluster.members().forEach(member -> members.add(member.handle()));
                assertThat(cluster.client().getCluster().getMembers()).hasSize(2)
                        .allSatisfy(member -> assertThat(member.getAddress().getHost()).isEqualTo("127.0.0.1"));
                throw new IllegalStateException("the lesson failed");
            }
        }).hasMessage("the lesson failed");
        assertThat(members).hasSize(2);
        Await.until("every member of the cluster to be gone", () -> members.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(ProcessHandle.current().descendants().filter(process -> carries(process, name.getFirst()))).isEmpty();
        Await.until("the client's threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> !thread.isDaemon() && thread.getName().startsWith("hz.")));
    }

    /** This module's tests share clusters (see its POM): one is handed on emptied, and one that lost a member is ended. */
    @Test
    void aSharedClusterIsHandedOnEmptyAndOneThatLostAMemberIsEnded() {
        assertThat(Boolean.getBoolean("concurrencylab.cluster.shared")).as("set by this module's Surefire configuration").isTrue();
        LocalCluster first = LocalCluster.startOrReuse(1, 31, LocalCluster.Jit.QUICK_START);
        List<ProcessHandle> members = first.members().stream().map(ChildJvm::handle).toList();
        try (first) {
            first.client().<String, Long>getMap("left-over").put("key", 1L);
        }
        assertThat(members).allMatch(ProcessHandle::isAlive);
        try (LocalCluster second = LocalCluster.startOrReuse(1, 31, LocalCluster.Jit.QUICK_START)) {
            assertThat(second).isSameAs(first);
            assertThat(second.client().<String, Long>getMap("left-over").get("key")).as("the last lesson's entry").isNull();
            second.kill(0);
            Await.until("the killed member to be gone", () -> !members.getFirst().isAlive());
        }
        assertThat(first.client().getLifecycleService().isRunning()).as("the client of a cluster that lost a member").isFalse();
    }

    @Test
    void aMemberWhosePortIsTakenFailsWithOneClearLineAndLeavesNoProcess() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterSettings settings = new ClusterSettings(LocalCluster.uniqueName(), List.of(taken.getLocalPort()), 31, 60);
            assertThatThrownBy(() -> LocalCluster.start(settings, 1, LocalCluster.Jit.QUICK_START))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("member on 127.0.0.1:" + taken.getLocalPort() + " could not start")
                    .hasMessageNotContaining("\tat com.hazelcast");
            Await.until("the failed member to be gone", () -> ProcessHandle.current().descendants()
                    .noneMatch(process -> carries(process, settings.clusterName())));
        }
    }

    private static boolean carries(ProcessHandle process, String clusterName) {
        return process.isAlive() && process.info().arguments().map(List::of).orElse(List.of()).contains(clusterName);
    }
}
