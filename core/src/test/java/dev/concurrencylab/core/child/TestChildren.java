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
}
