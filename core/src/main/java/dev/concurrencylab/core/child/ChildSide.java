package dev.concurrencylab.core.child;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * What every child JVM's {@code main} calls: it ties the child's life to its parent's and says
 * "ready" on the handshake line.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     ChildSide.exitWhenParentDies();
 *     ... set up ...
 *     ChildSide.sayReady();
 *     ... the timed work ...
 * }
 * }</pre>
 */
public final class ChildSide {

    /** Exit code of a child that stopped because its parent was gone. */
    public static final int PARENT_GONE = 70;

    /** Set by {@link ChildJvm} to the pid of the JVM that started the child. */
    static final String PARENT_PID_PROPERTY = "concurrencylab.parent.pid";

    private ChildSide() {}

    /**
     * Halts this JVM as soon as its parent process ends, however the parent ended (even
     * {@code kill -9}, when no shutdown hook of the parent runs), and first ends this JVM's own
     * descendants, JVMs or not (a {@code sleep 300} it started would otherwise live on, adopted by
     * init). Without this, a child whose parent crashed would run on as an orphan.
     */
    public static void exitWhenParentDies() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        long expected = Long.getLong(PARENT_PID_PROPERTY, -1);
        if (expected > 0 && parent.map(ProcessHandle::pid).orElse(-1L) != expected) {
            // The parent died before we got here and we were handed to another process (init).
            haltWithDescendants();
        }
        parent.ifPresent(handle -> handle.onExit().thenRun(ChildSide::haltWithDescendants));
    }

    /** Kills every descendant of this JVM, deepest first as far as they can be listed, then halts. */
    private static void haltWithDescendants() {
        List<ProcessHandle> descendants = ProcessHandle.current().descendants().toList();
        for (int i = descendants.size() - 1; i >= 0; i--) {
            descendants.get(i).destroyForcibly();
        }
        Runtime.getRuntime().halt(PARENT_GONE);
    }

    /** The start gate's line: the parent sends it to every child once all are ready. */
    public static final String GO = "go";

    /**
     * Waits for the parent's {@link #GO} line on stdin, the start gate of a timed run; an
     * IllegalStateException for anything else. Reads byte by byte, so that whatever the parent
     * sends after the line stays in stdin for the child to read.
     */
    public static void awaitGo() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = System.in.read(); b != '\n'; b = System.in.read()) {
            if (b < 0) {
                throw new IllegalStateException("stdin ended before the '" + GO + "' line (got '" + line + "')");
            }
            line.append((char) b);
        }
        if (!GO.contentEquals(line.toString().strip())) {
            throw new IllegalStateException("expected '" + GO + "' on stdin, got '" + line + "'");
        }
    }

    /** Prints the handshake line the parent waits for in {@link ChildJvm#awaitReady}. */
    public static void sayReady() {
        PrintStream out = System.out;
        out.println(ChildJvm.READY_LINE);
        out.flush();
    }
}
