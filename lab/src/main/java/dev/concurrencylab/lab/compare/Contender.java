package dev.concurrencylab.lab.compare;

import java.awt.Color;
import java.util.List;

/**
 * A way of running N workers at once. The Java ones are constants (cluster members run only with
 * {@code --cluster}); each CPython interpreter given to {@code compare} brings two of its own,
 * its threads and its multiprocessing, run by {@link PythonSide} and labelled with what that
 * interpreter is.
 *
 * @param id      the name in CSV, JSON and the Python script's output: "platform-threads"
 * @param order   where it stands in tables and charts: Java first, then each interpreter in turn
 */
public record Contender(String id, String label, Color color, boolean python, String snippet, int order) {

    public static final Contender PLATFORM_THREADS = new Contender("platform-threads", "platform threads",
            new Color(0x1F, 0x77, 0xB4), false, "Thread.ofPlatform().start(() -> countdown(steps / n))   // one OS thread each", 0);
    public static final Contender VIRTUAL_THREADS = new Contender("virtual-threads", "virtual threads",
            new Color(0x17, 0xBE, 0xCF), false, "Thread.ofVirtual().start(() -> countdown(steps / n))    // carried by a few OS threads", 1);
    public static final Contender GIL_THREADS = new Contender("gil-threads", "threads under the GIL model",
            new Color(0xD6, 0x27, 0x28), false, "gil.run(() -> countdown(steps / n, gil))   // one thread at a time runs, as in CPython", 2);
    public static final Contender CHILD_JVMS = new Contender("child-jvms", "child JVMs", new Color(0x2C, 0xA0, 0x2C), false,
            "ChildJvm.builder(WorkChild.class).arguments(\"countdown\", share).start()  // timed from \"go\"", 3);
    public static final Contender CLUSTER_MEMBERS = new Contender("cluster-members", "cluster members",
            new Color(0x8C, 0x56, 0x4B), false,
            "executor.submitToMember(new Countdown(steps / n), member)   // Hazelcast members, one JVM each", 4);

    /** Every Java contender, in order. */
    public static final List<Contender> JAVA = List.of(PLATFORM_THREADS, VIRTUAL_THREADS, GIL_THREADS, CHILD_JVMS, CLUSTER_MEMBERS);

    /** What the Python script calls its two kinds of workers. */
    static final String CPYTHON_THREADS = "cpython-threads";
    static final String CPYTHON_PROCESSES = "cpython-processes";
    private static final String THREADS_SNIPPET = "Thread(target=countdown, args=(COUNT // n,)).start()";
    private static final String PROCESSES_SNIPPET = "Process(target=countdown, args=(COUNT // n,)).start()   # timed from a shared Event";

    // Per interpreter, in turn: orange, pink, olive, grey threads; purple, brown-red, teal, navy processes.
    private static final List<Color> THREAD_COLORS = List.of(new Color(0xFF, 0x7F, 0x0E), new Color(0xE3, 0x77, 0xC2),
            new Color(0xBC, 0xBD, 0x22), new Color(0x7F, 0x7F, 0x7F));
    private static final List<Color> PROCESS_COLORS = List.of(new Color(0x94, 0x67, 0xBD), new Color(0xA0, 0x3A, 0x3A),
            new Color(0x2F, 0x8F, 0x7F), new Color(0x1F, 0x3A, 0x6E));

    /** The threads of one CPython interpreter: "python3.13t threads (CPython 3.13.0, GIL off)". */
    static Contender cpythonThreads(PythonInterpreter python) {
        return new Contender(CPYTHON_THREADS + python.idSuffix(),
                python.name() + " threads (CPython " + python.facts().version() + ", GIL "
                        + (python.facts().gilEnabled() ? "on" : "off") + ")",
                THREAD_COLORS.get(python.index() % THREAD_COLORS.size()), true, THREADS_SNIPPET, 10 + 2 * python.index());
    }

    /** The multiprocessing of one CPython interpreter: "python3 multiprocessing (CPython 3.11.7, fork)". */
    static Contender cpythonProcesses(PythonInterpreter python) {
        return new Contender(CPYTHON_PROCESSES + python.idSuffix(),
                python.name() + " multiprocessing (CPython " + python.facts().version() + ", "
                        + python.facts().defaultStartMethod() + ")",
                PROCESS_COLORS.get(python.index() % PROCESS_COLORS.size()), true, PROCESSES_SNIPPET, 11 + 2 * python.index());
    }

    /** The two CPython contenders as the report describes them when no interpreter took part. */
    static List<Contender> cpythonUnnamed() {
        return List.of(new Contender(CPYTHON_THREADS, "CPython threads", THREAD_COLORS.getFirst(), true, THREADS_SNIPPET, 10),
                new Contender(CPYTHON_PROCESSES, "CPython multiprocessing", PROCESS_COLORS.getFirst(), true, PROCESSES_SNIPPET, 11));
    }

    String hexColor() {
        return String.format("#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }
}
