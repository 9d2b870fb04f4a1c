package dev.concurrencylab.lab.compare;

import java.awt.Color;
import java.util.Locale;

/**
 * A way of running N workers at once; cluster members run only with {@code --cluster}; the last
 * two are real CPython, run by {@link PythonSide}.
 */
public enum Contender {

    PLATFORM_THREADS("platform threads", new Color(0x1F, 0x77, 0xB4), false,
            "Thread.ofPlatform().start(() -> countdown(steps / n))   // one OS thread each"),
    VIRTUAL_THREADS("virtual threads", new Color(0x17, 0xBE, 0xCF), false,
            "Thread.ofVirtual().start(() -> countdown(steps / n))    // carried by a few OS threads"),
    GIL_THREADS("threads under the GIL model", new Color(0xD6, 0x27, 0x28), false,
            "gil.run(() -> countdown(steps / n, gil))   // one thread at a time runs, as in CPython"),
    CHILD_JVMS("child JVMs", new Color(0x2C, 0xA0, 0x2C), false,
            "ChildJvm.builder(WorkChild.class).arguments(\"countdown\", share).start()  // timed from \"go\""),
    CLUSTER_MEMBERS("cluster members", new Color(0x8C, 0x56, 0x4B), false,
            "executor.submitToMember(new Countdown(steps / n), member)   // Hazelcast members, one JVM each"),
    CPYTHON_THREADS("CPython threads", new Color(0xFF, 0x7F, 0x0E), true,
            "Thread(target=countdown, args=(COUNT // n,)).start()"),
    CPYTHON_PROCESSES("CPython multiprocessing", new Color(0x94, 0x67, 0xBD), true,
            "Process(target=countdown, args=(COUNT // n,)).start()   # timed from a shared Event");

    public final String label;
    public final Color color;
    public final boolean python;
    final String snippet;

    Contender(String label, Color color, boolean python, String snippet) {
        this.label = label;
        this.color = color;
        this.python = python;
        this.snippet = snippet;
    }

    /** The name in CSV, JSON and the Python script's output: "platform-threads". */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String hexColor() {
        return String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }

    static Contender byId(String id) {
        for (Contender contender : values()) {
            if (contender.id().equals(id)) {
                return contender;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + id + "'");
    }
}
