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

/** Exercise 09: a child JVM that starts a grandchild JVM, which does not watch its parent (so it can outlive it). */
@ExtendWith(Subjects.class)
public class Grader09TreeKill {

    /** The root of the tree: starts a leaf, says its pid, and waits. */
    public static final class Root {
        public static void main(String[] args) throws Exception {
            List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString(), "-cp",
                    System.getProperty("java.class.path"), Leaf.class.getName()));
            Process leaf = new ProcessBuilder(command).inheritIO().start();
            System.out.println("grandchild " + leaf.pid());
            System.out.flush();
            leaf.waitFor(5, TimeUnit.MINUTES);
        }
    }

    /** A leaf that only waits (and ends by itself after five minutes, should everything else fail). */
    public static final class Leaf {
        public static void main(String[] args) throws InterruptedException {
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    @Test
    @DisplayName("after killTree() returns, neither the child nor its grandchild is alive")
    void killsTheWholeTree(Subject<Processes.TreeKiller> subject) throws Exception {
        Processes.TreeKiller killer = subject.create();
        long grandchild = -1;
        try (ChildJvm root = ChildJvm.builder(Root.class).name("tree-root").timeout(Timeouts.seconds(300)).start();
             Bounded threads = new Bounded()) {
            grandchild = Long.parseLong(root.awaitValue("grandchild ", Bounded.MUST_HAPPEN.multipliedBy(3), "start its grandchild"));
            long leaf = grandchild;
            assertThat(Bounded.until(() -> ProcessHandle.of(leaf).isPresent(), Bounded.MUST_HAPPEN)).isTrue();
            Thread caller = threads.start("killTree()", () -> killer.killTree(root.handle()));
            assertThat(Bounded.until(() -> !caller.isAlive(), Bounded.MUST_HAPPEN))
                    .withFailMessage("killTree() had not returned after %d s", Bounded.MUST_HAPPEN.toSeconds()).isTrue();
            threads.assertNothingThrown("what killTree() threw");
            boolean rootAlive = root.handle().isAlive();
            boolean leafAlive = ProcessHandle.of(leaf).map(ProcessHandle::isAlive).orElse(false);
            assertThat(rootAlive).withFailMessage("the child (pid %d) was still alive after killTree() returned", root.pid()).isFalse();
            assertThat(leafAlive).withFailMessage("the grandchild (pid %d) was still alive after killTree() returned: only the "
                    + "root was killed, and its child is now an orphan", leaf).isFalse();
        } finally {
            // The tree is killed here whatever killTree() did: the grandchild by its pid, since an orphan is no one's descendant.
            if (grandchild > 0) {
                ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
