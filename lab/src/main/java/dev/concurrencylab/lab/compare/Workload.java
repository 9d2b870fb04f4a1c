package dev.concurrencylab.lab.compare;

/** The two kinds of work the comparison splits among workers: waiting, and computing. */
public enum Workload {

    SLEEP_BOUND("sleep-bound", "Sleep-bound",
            "A fixed total of sleeping, split evenly among the workers: each sleeps total / N. "
                    + "A sleeping worker needs no core, so every kind of worker can overlap its waits, "
                    + "even under a GIL (a sleep releases it)."),
    CPU_BOUND("cpu-bound", "CPU-bound",
            "A fixed countdown (notebook 003's loop), split evenly among the workers. "
                    + "Each side sizes the countdown so that one worker needs the same time; "
                    + "only workers that really run at once, on separate cores, can share it.");

    public final String id;
    public final String title;
    final String explanation;

    Workload(String id, String title, String explanation) {
        this.id = id;
        this.title = title;
        this.explanation = explanation;
    }

    /**
     * The best speedup N workers can reach here: N for sleeping (waits overlap without cores),
     * min(N, cores) for computing (a worker needs a core to itself).
     */
    double ideal(int workers, int processors) {
        return this == CPU_BOUND ? Math.min(workers, processors) : workers;
    }

    static Workload byId(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'");
    }
}
