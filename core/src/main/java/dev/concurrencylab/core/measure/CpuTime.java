package dev.concurrencylab.core.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU clocks the lessons read: the whole process and one thread.
 *
 * <p>Wall time says how long we waited; CPU time says how much work the cores did. Their ratio
 * is the parallelism that really happened (see {@link Measurement#parallelism()}).
 */
public final class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTime() {}

    /**
     * CPU time used so far by this JVM, all threads together (JIT and GC included), or -1 where
     * the platform does not say.
     */
    public static long processNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * CPU time used so far by the calling thread, or -1 where it cannot be measured (a virtual
     * thread, or a JVM without thread CPU time).
     */
    public static long currentThreadNanos() {
        if (Thread.currentThread().isVirtual() || !THREADS.isCurrentThreadCpuTimeSupported()) {
            return -1;
        }
        return THREADS.getCurrentThreadCpuTime();
    }
}
