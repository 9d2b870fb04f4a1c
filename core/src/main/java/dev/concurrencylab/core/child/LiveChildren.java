package dev.concurrencylab.core.child;

import org.apache.commons.exec.ProcessDestroyer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every child JVM of this process that has not been closed, and the shutdown hook that destroys
 * them, with their descendants, when this JVM exits without having closed them (a test that
 * failed, a lesson interrupted by Ctrl-C or SIGTERM).
 */
final class LiveChildren {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(LiveChildren::destroyTree), "child-jvm-reaper"));
    }

    private LiveChildren() {}

    /** What Commons Exec calls right after launching: the process joins the live set, and {@code launched} learns it. */
    static ProcessDestroyer registration(CompletableFuture<Process> launched) {
        return new Registration(launched);
    }

    /** The child is gone (or was sent SIGKILL): the hook need not destroy it. */
    static void forget(Process process) {
        LIVE.remove(process);
    }

    /**
     * Kills the descendants the tree shows (they cannot be found once their parent is gone),
     * the child's process group where it leads one (those whose parent is gone already), then
     * the child. Returns the processes killed that the tree showed, for waiting on.
     */
    static List<ProcessHandle> destroyTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        // The child lives or is unreaped, so no other group can have its id: this kills its own group, or nothing.
        ProcessGroups.killGroup(process.pid());
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        tree.add(process.toHandle());
        return tree;
    }

    private record Registration(CompletableFuture<Process> launched) implements ProcessDestroyer {
        @Override
        public boolean add(Process process) {
            LIVE.add(process);
            launched.complete(process);
            return true;
        }

        @Override
        public boolean remove(Process process) {
            return LIVE.remove(process);
        }

        @Override
        public int size() {
            return LIVE.size();
        }
    }
}
