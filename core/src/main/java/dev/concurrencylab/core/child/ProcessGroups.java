package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Executables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * On Linux, every child JVM that a JVM which is no child itself (a test run, the launcher) starts
 * leads a process group of its own, through the {@code setsid} program; whatever it starts, and
 * whatever those start, joins that group. When such a child ends, however it ended, its group is
 * killed whole. So a grandchild does not outlive its parent and grandparent killed together
 * ({@code kill -9} of both: neither's own cleanup runs, and the grandchild, adopted by init, is
 * no descendant of anyone any more), as long as the JVM that started the group lives.
 *
 * <p>Elsewhere (macOS has no {@code setsid} program, Windows no such groups) and for children of
 * children, descendants are found by walking the process tree, which cannot reach one whose
 * parent is already gone. And no group outlives a kill of the JVM that leads the tree, since
 * nothing is left to kill it.
 */
final class ProcessGroups {

    /** The setsid program, when children of this JVM lead groups of their own. */
    private static final Optional<Path> SETSID = System.getProperty(ChildSide.PARENT_PID_PROPERTY) == null
            && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
            ? Executables.onPath("setsid") : Optional.empty();

    private static final Optional<Path> KILL = SETSID.isPresent() ? Executables.onPath("kill") : Optional.empty();

    private ProcessGroups() {}

    /** Whether the children this JVM starts lead process groups of their own. */
    static boolean childrenLeadGroups() {
        return SETSID.isPresent() && KILL.isPresent();
    }

    /** {@code command}, run so that it leads a new process group (and session); only where {@link #childrenLeadGroups()}. */
    static List<String> leading(List<String> command) {
        List<String> led = new ArrayList<>(command.size() + 1);
        led.add(SETSID.get().toString()); // not a group leader when started, so setsid execs in place: the pid stays the child's
        led.addAll(command);
        return led;
    }

    /**
     * Sends SIGKILL to every process in the group {@code leader} leads or led, bounded to a few
     * seconds; a group with no process left is no error. Safe while the leader lives or lies
     * unreaped (its pid is its group's id and no other's) and right after it ended (a group's id
     * is given to no other group while a member of it lives). Only for a child that leads a group.
     */
    static void killGroup(long leader) {
        try {
            Process kill = new ProcessBuilder(KILL.get().toString(), "-KILL", "--", "-" + leader)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // The kill program could not start: the walk of the process tree is all that is left.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
