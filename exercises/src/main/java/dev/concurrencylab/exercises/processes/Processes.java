package dev.concurrencylab.exercises.processes;

import java.util.List;

/**
 * What the processes chapter's exercises implement: the graders test these interfaces. Do not
 * change them; change the exercise files.
 */
public final class Processes {

    private Processes() {}

    /** What a child JVM reported: who it was and the list as it saw it. */
    public record ChildView(long pid, List<Integer> list) {}

    /** Exercise 08. */
    public interface ChildCopy {
        /**
         * Starts a child JVM that gets {@code list}, appends {@code value} to its own copy and
         * reports that copy and its pid; returns once the child has ended.
         */
        ChildView appendInChild(List<Integer> list, int value) throws Exception;
    }

    /** Exercise 09. */
    public interface TreeKiller {
        /** Ends {@code root} and every process it started, and theirs; returns when all are gone. */
        void killTree(ProcessHandle root) throws Exception;
    }
}
