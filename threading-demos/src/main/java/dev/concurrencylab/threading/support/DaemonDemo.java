package dev.concurrencylab.threading.support;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A JVM exits when its last non-daemon thread ends, shown in a child JVM whose main() starts one
 * thread that waits for a line on stdin, says "main returned", and returns. With a daemon thread
 * the child exits by itself. With an ordinary thread it cannot: we send the line, and the thread
 * answers after main() is long gone. Used by thread-basics and thread-leaks.
 */
public final class DaemonDemo {

    private DaemonDemo() {}

    /** The daemon child ends by itself; if it did not, waitFor fails and says so. */
    public static boolean daemonChildExitsAfterMain() {
        try (ChildJvm child = startMainReturns("daemon")) {
            return child.waitFor(Timeouts.seconds(30)) == 0;
        }
    }

    /** The non-daemon thread answers a line sent after main() returned: the JVM was still there. */
    public static boolean userThreadRunsAfterMain() {
        try (ChildJvm child = startMainReturns("user")) {
            child.sendLine("finish");
            child.awaitLine(MainReturns.ANSWERED::equals, Timeouts.seconds(30), "answer after main returned");
            return child.waitFor(Timeouts.seconds(30)) == 0;
        }
    }

    private static ChildJvm startMainReturns(String kind) {
        ChildJvm child = ChildJvm.builder(MainReturns.class).name(kind + "-thread-demo").arguments(kind).start();
        child.awaitReady(Timeouts.seconds(30));
        child.awaitLine(MainReturns.RETURNED::equals, Timeouts.seconds(30), "return from main");
        return child;
    }

    /** Child JVM: starts one thread (daemon or not) that waits for a line on stdin; main returns. */
    static final class MainReturns {
        static final String RETURNED = "main returned";
        static final String ANSWERED = "waiter answered";

        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            Thread waiter = new Thread(() -> {
                try {
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    System.out.println(ANSWERED);
                } catch (IOException e) {
                    // stdin closed: nothing more to wait for
                }
            }, "stdin-waiter");
            waiter.setDaemon(args[0].equals("daemon"));
            waiter.start();
            ChildSide.sayReady();
            System.out.println(RETURNED);
        }
    }
}
