package dev.concurrencylab.exercises.graders;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.exercises.Subject;
import dev.concurrencylab.exercises.Subjects;
import dev.concurrencylab.exercises.processes.Processes;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exercise 09: a tree three generations deep, a child JVM whose child starts a third; neither of
 * those two watches its parent, so each can outlive it.
 */
@ExtendWith(Subjects.class)
public class Grader09TreeKill {

    /** Starts {@code next} with this JVM's class path, sharing its stdout, and says its pid as {@code say <pid>}. */
    private static Process start(Class<?> next, String say) throws Exception {
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), next.getName()));
        Process process = new ProcessBuilder(command).inheritIO().start();
        System.out.println(say + " " + process.pid());
        System.out.flush();
        return process;
    }

    /** The root of the tree: starts the middle, and waits. */
    public static final class Root {
        public static void main(String[] args) throws Exception {
            start(Middle.class, "child").waitFor(5, TimeUnit.MINUTES);
        }
    }

    /** The root's child: starts a leaf, two generations below the root, and waits. */
    public static final class Middle {
        public static void main(String[] args) throws Exception {
            start(Leaf.class, "grandchild").waitFor(5, TimeUnit.MINUTES);
        }
    }

    /** A leaf that only waits (and ends by itself after five minutes, should everything else fail). */
    public static final class Leaf {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    @DisplayName("after killTree() returns, no process of a tree three generations deep is alive")
    void killsTheWholeTree(Subject<Processes.TreeKiller> subject) throws Exception {
        Processes.TreeKiller killer = subject.create();
        long middle = -1;
        long leaf = -1;
        try (ChildJvm root = ChildJvm.builder(Root.class).name("tree-root").timeout(Timeouts.seconds(300))
                .treeLeftToTheCaller().start();
             Bounded threads = new Bounded()) {
            middle = Long.parseLong(root.awaitValue("child ", Bounded.CHILD_MUST_HAPPEN.multipliedBy(3), "start its child"));
            leaf = Long.parseLong(root.awaitValue("grandchild ", Bounded.CHILD_MUST_HAPPEN.multipliedBy(3), "start a grandchild"));
            long leafPid = leaf;
            assertThat(Bounded.until(() -> ProcessHandle.of(leafPid).isPresent(), Bounded.CHILD_MUST_HAPPEN)).isTrue();
            Thread caller = threads.start("killTree()", () -> killer.killTree(root.handle()));
            assertThat(Bounded.until(() -> !caller.isAlive(), Bounded.CHILD_MUST_HAPPEN))
                    .withFailMessage("killTree() had not returned after %d s", Bounded.CHILD_MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("killTree()");
            assertThat(root.handle().isAlive()).withFailMessage("the root (pid %d) was still alive after killTree() returned",
                    root.pid()).isFalse();
            assertThat(alive(middle)).withFailMessage("the root's child (pid %d) was still alive after killTree() returned: "
                    + "only the root was killed, and its child is now an orphan", middle).isFalse();
            assertThat(alive(leaf)).withFailMessage("the grandchild two generations below the root (pid %d) was still alive "
                    + "after killTree() returned: the kill stopped one generation short", leaf).isFalse();
        } finally {
            // The tree is killed here whatever killTree() did: by pid, since an orphan is no one's descendant.
            for (long pid : new long[] {leaf, middle}) {
                if (pid > 0) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
