package dev.concurrencylab.core.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What a measurement was taken on: the processors the JVM may use, the cgroup CPU quota where
 * Linux exposes one, the JVM and the OS. Every speed figure the project writes down carries one.
 *
 * @param cgroupQuota the quota in CPUs ("2.00"), "max" for none, or "unknown" where unreadable
 */
public record Machine(int processors, String cgroupQuota, String jvm, String os) {

    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCgroupQuota(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** The CPU quota of this process's cgroup (v2, then v1), in CPUs; "max" for none, "unknown" if unreadable. */
    static String readCgroupQuota() {
        try {
            Path v2 = Path.of("/sys/fs/cgroup/cpu.max");
            if (Files.isReadable(v2)) {
                String[] parts = Files.readString(v2).trim().split(" ");
                return parts[0].equals("max") ? "max" : cpus(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
            Path quota = Path.of("/sys/fs/cgroup/cpu/cpu.cfs_quota_us");
            Path period = Path.of("/sys/fs/cgroup/cpu/cpu.cfs_period_us");
            if (Files.isReadable(quota) && Files.isReadable(period)) {
                long microseconds = Long.parseLong(Files.readString(quota).trim());
                return microseconds < 0 ? "max" : cpus(microseconds, Double.parseDouble(Files.readString(period).trim()));
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String cpus(double quota, double period) {
        return String.format(Locale.ROOT, "%.2f", quota / period);
    }
}
