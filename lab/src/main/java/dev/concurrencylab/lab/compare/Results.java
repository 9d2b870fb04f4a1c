package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Summary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every timing of a comparison, and what follows from them. A speedup is always a ratio of two
 * timings of the same contender in the same round (1 worker over N workers), so that a round
 * slowed by a neighbour on the machine slows both sides of its own ratio.
 */
public final class Results {

    /**
     * One measurement.
     *
     * @param cpuSeconds the workers' CPU time, or NaN where it could not be measured
     * @param freeCores  the cores other processes left free while it ran, or NaN where not watched
     */
    public record Sample(Workload workload, Contender contender, int workers, int round, double wallSeconds,
                         double cpuSeconds, double freeCores) {

        /** A sample whose free cores were not watched (CPython's, timed inside its own process). */
        public Sample(Workload workload, Contender contender, int workers, int round, double wallSeconds, double cpuSeconds) {
            this(workload, contender, workers, round, wallSeconds, cpuSeconds, Double.NaN);
        }
    }

    /** What the report's tables show for one contender at one worker count. */
    public record SpeedupRow(Workload workload, Contender contender, int workers, double ideal, Summary speedup,
                             Optional<Summary> parallelism, Optional<Double> amdahl) {}

    private final Settings settings;
    private final Machine machine;
    private final List<Sample> samples = new ArrayList<>();
    private final Map<PythonInterpreter, String> pythons = new LinkedHashMap<>(); // a note, or "" when it ran fully

    Results(Settings settings, Machine machine) {
        this.settings = settings;
        this.machine = machine;
    }

    void add(Sample sample) {
        samples.add(sample);
    }

    /** Records that {@code python} took part; {@code note} says why it is incomplete, or is null. */
    void python(PythonInterpreter python, String note) {
        pythons.merge(python, note == null ? "" : note, (earlier, later) -> later.isEmpty() ? earlier : later);
    }

    public Settings settings() {
        return settings;
    }

    public Machine machine() {
        return machine;
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The CPython interpreters that took part, in the order they were given. */
    public List<PythonInterpreter> pythons() {
        return List.copyOf(pythons.keySet());
    }

    /** Why an interpreter's figures are incomplete, one note each; empty when every one ran fully. */
    public List<String> pythonNotes() {
        return pythons.values().stream().filter(note -> !note.isEmpty()).toList();
    }

    /** The contenders measured for {@code workload}, in their fixed order. */
    public Set<Contender> contenders(Workload workload) {
        Set<Contender> present = new TreeSet<>(Comparator.comparingInt(Contender::order));
        samples.stream().filter(s -> s.workload() == workload).forEach(s -> present.add(s.contender()));
        return present;
    }

    public Optional<Summary> wall(Workload workload, Contender contender, int workers) {
        return summary(of(workload, contender, workers).stream().map(Sample::wallSeconds).toList());
    }

    public Optional<Summary> parallelism(Workload workload, Contender contender, int workers) {
        return summary(of(workload, contender, workers).stream()
                .filter(s -> !Double.isNaN(s.cpuSeconds()))
                .map(s -> s.cpuSeconds() / s.wallSeconds()).toList());
    }

    /** Speedup over 1 worker, one ratio per round that has both timings. */
    public Optional<Summary> speedup(Workload workload, Contender contender, int workers) {
        List<Double> ratios = new ArrayList<>();
        for (Sample one : of(workload, contender, 1)) {
            of(workload, contender, workers).stream().filter(s -> s.round() == one.round()).findFirst()
                    .ifPresent(many -> ratios.add(one.wallSeconds() / many.wallSeconds()));
        }
        return summary(ratios);
    }

    /** The median free cores while this point was measured; empty where nobody watched. */
    public Optional<Summary> freeCores(Workload workload, Contender contender, int workers) {
        List<Double> free = samples.stream()
                .filter(s -> s.workload() == workload && s.contender() == contender && s.workers() == workers)
                .map(Sample::freeCores).filter(f -> !f.isNaN()).toList();
        return free.isEmpty() ? Optional.empty() : Optional.of(Summary.of(free));
    }

    /**
     * The load while a CPU-bound point of two or more workers was measured, against what its
     * speedup needs ({@link Load#neededFor}); empty for other points and for unwatched ones.
     */
    public Optional<Load> load(Workload workload, Contender contender, int workers) {
        if (workload != Workload.CPU_BOUND || workers < 2) {
            return Optional.empty();
        }
        return freeCores(workload, contender, workers).map(free ->
                new Load(free.median(), machine.processors(), Load.neededFor(workers, machine.processors())));
    }

    /** A point whose speedup is a busy machine's, not the contender's. */
    public boolean busy(Workload workload, Contender contender, int workers) {
        return load(workload, contender, workers).filter(Load::busy).isPresent();
    }

    /**
     * Whether the Amdahl fit says something: every point's rounds agree within a quarter of its
     * median, and the fitted curve passes within a tenth of every median (or within its range).
     * Fitted to points that spread more than that, p describes noise, and the report says so
     * instead of quoting it.
     */
    public boolean amdahlIsAFinding(Workload workload, Contender contender) {
        Optional<Double> p = amdahl(workload, contender);
        if (p.isEmpty()) {
            return false;
        }
        for (int workers : settings.workerCounts()) {
            Optional<Summary> speedup = speedup(workload, contender, workers);
            if (speedup.isEmpty()) {
                continue;
            }
            Summary s = speedup.get();
            double fitted = Amdahl.speedup(p.get(), workload.ideal(workers, machine.processors()));
            if (s.max() - s.min() > 0.25 * s.median()
                    || Math.abs(fitted - s.median()) > Math.max(0.1 * s.median(), (s.max() - s.min()) / 2)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Amdahl parallel fraction that fits this contender's median speedups, with n = what the
     * workload lets run at once on this machine; empty with fewer than two worker counts.
     */
    public Optional<Double> amdahl(Workload workload, Contender contender) {
        List<double[]> points = new ArrayList<>();
        for (int workers : settings.workerCounts()) {
            speedup(workload, contender, workers).ifPresent(s ->
                    points.add(new double[] {workload.ideal(workers, machine.processors()), s.median()}));
        }
        if (points.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(Amdahl.fit(points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray()));
    }

    /** Every contender at every worker count that has a speedup, workload by workload. */
    public List<SpeedupRow> speedupRows() {
        List<SpeedupRow> rows = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            for (Contender contender : contenders(workload)) {
                Optional<Double> p = amdahl(workload, contender);
                for (int n : settings.workerCounts()) {
                    speedup(workload, contender, n).ifPresent(s -> rows.add(new SpeedupRow(workload, contender, n,
                            workload.ideal(n, machine.processors()), s, parallelism(workload, contender, n), p)));
                }
            }
        }
        return rows;
    }

    private List<Sample> of(Workload workload, Contender contender, int workers) {
        return samples.stream()
                .filter(s -> s.workload() == workload && s.contender() == contender && s.workers() == workers)
                .toList();
    }

    private static Optional<Summary> summary(List<Double> values) {
        return values.isEmpty() ? Optional.empty() : Optional.of(Summary.of(values));
    }

    /** For the table and the report: "1.97x (1.93-2.01)". */
    public static String speedupText(Optional<Summary> speedup) {
        return speedup.map(s -> String.format("%.2fx (%.2f-%.2f)", s.median(), s.min(), s.max())).orElse("-");
    }
}
