package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Timeouts;

/** Main classes for {@link ChildJvmTest}: each is one way a child can behave. */
final class TestChildren {

    private TestChildren() {}

    /** Says ready, echoes its first argument, exits with its second. */
    static final class Echo {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            ChildSide.sayReady();
            System.out.println("echo " + args[0]);
            System.exit(Integer.parseInt(args[1]));
        }
    }

    /** Says ready and where it runs: its working directory. */
    static final class WhereAmI {
        public static void main(String[] args) {
            ChildSide.exitWhenParentDies();
            ChildSide.sayReady();
            System.out.println("directory " + java.nio.file.Path.of("").toAbsolutePath());
        }
    }

    /** Starts and then says nothing, until its parent is gone. */
    static final class Silent {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Fails during set-up. */
    static final class Crash {
        public static void main(String[] args) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** Says ready and runs forever. */
    static final class Forever {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            ChildSide.sayReady();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts a grandchild ({@link Silent}), names its pid, and waits. */
    static final class Parent {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            ChildJvm grandchild = ChildJvm.builder(Silent.class).name("grandchild").start();
            ChildSide.sayReady();
            System.out.println("grandchild " + grandchild.pid());
            Thread.sleep(Timeouts.seconds(120).toMillis());
        }
    }

    /** Closes its stdout before it would say ready, and runs on. */
    static final class ClosesStdout {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            System.out.close();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** Starts a program that is not a JVM ({@code sleep 300}), names its pid, and waits. */
    static final class StartsASleeper {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            Process sleeper = new ProcessBuilder("sleep", "300").start();
            ChildSide.sayReady();
            System.out.println("sleeper " + sleeper.pid());
            Thread.sleep(Timeouts.seconds(120).toMillis());
        }
    }

    /** Starts a {@link StartsASleeper} child, passes its sleeper's pid on, and waits: the one to kill -9. */
    static final class MiddleOfThree {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            ChildJvm child = ChildJvm.builder(StartsASleeper.class).name("starts-a-sleeper").start();
            child.awaitReady(Timeouts.seconds(60));
            ChildSide.sayReady();
            System.out.println("sleeper " + child.awaitValue("sleeper ", Timeouts.seconds(60), "name its sleeper"));
            Thread.sleep(Timeouts.seconds(120).toMillis());
        }
    }

    /** Prints 8 MiB without a newline (its ready line at the end of it), then runs on. */
    static final class FloodsOneLine {
        public static void main(String[] args) throws InterruptedException {
            ChildSide.exitWhenParentDies();
            System.out.print("x".repeat(8 << 20));
            ChildSide.sayReady();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
