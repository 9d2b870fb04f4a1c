package dev.concurrencylab.exercises.solutions;

import dev.concurrencylab.exercises.processes.Processes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Exercise 09, solved: the descendants listed first (the root's death would orphan them), then
 * all killed, then each watched until it is gone. isAlive() is asked rather than onExit(): a
 * handle's onExit() may notice a death late when the process was reaped elsewhere.
 */
public final class Solution09TreeKill implements Processes.TreeKiller {

    @Override
    public void killTree(ProcessHandle root) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.addFirst(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (ProcessHandle process : tree) {
            while (process.isAlive()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new TimeoutException("process " + process.pid() + " survived SIGKILL for 30 s");
                }
                Thread.sleep(5); // SIGKILL cannot be refused: this ends within milliseconds
            }
        }
    }
}
