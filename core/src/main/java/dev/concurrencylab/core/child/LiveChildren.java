package dev.concurrencylab.core.child;

import org.apache.commons.exec.ProcessDestroyer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child JVM of this process that has not been closed, and the shutdown hook that destroys
 * them, with their descendants (and the process group of one that leads a group: the hook cannot
 * wait for the child's exit to kill it, as {@link ChildJvm#close()} does), when this JVM exits
 * without having closed them (a test that failed, a lesson interrupted by Ctrl-C or SIGTERM).
 */
final class LiveChildren {

    /** Each live child, and whether it leads a process group of its own. */
    private static final Map<Process, Boolean> LIVE = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach((process, leadsAGroup) -> {
            if (leadsAGroup) {
                ProcessGroups.killGroup(process.pid());
            }
            destroyTree(process);
        }), "child-jvm-reaper"));
    }

    private LiveChildren() {}

    /** What Commons Exec calls right after launching: the process joins the live set, and {@code launched} learns it. */
    static ProcessDestroyer registration(CompletableFuture<Process> launched, boolean leadsAGroup) {
        return new Registration(launched, leadsAGroup);
    }

    /** The child is gone (or was sent SIGKILL): the hook need not destroy it. */
    static void forget(Process process) {
        LIVE.remove(process);
    }

    /** Kills the descendants first (they cannot be found once their parent is gone), then the child. */
    static List<ProcessHandle> destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tree.add(process.toHandle());
        return tree;
    }

    private record Registration(CompletableFuture<Process> launched, boolean leadsAGroup) implements ProcessDestroyer {
        @Override
        public boolean add(Process process) {
            LIVE.put(process, leadsAGroup);
            launched.complete(process);
            return true;
        }

        @Override
        public boolean remove(Process process) {
            return LIVE.remove(process) != null;
        }

        @Override
        public int size() {
            return LIVE.size();
        }
    }
}
