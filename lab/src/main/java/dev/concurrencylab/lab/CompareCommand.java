package dev.concurrencylab.lab;

import dev.concurrencylab.core.PythonFacts;
import dev.concurrencylab.core.lesson.TextTable;
import dev.concurrencylab.lab.compare.Comparison;
import dev.concurrencylab.lab.compare.Contender;
import dev.concurrencylab.lab.compare.Progress;
import dev.concurrencylab.lab.compare.PythonInterpreter;
import dev.concurrencylab.lab.compare.Report;
import dev.concurrencylab.lab.compare.Results;
import dev.concurrencylab.lab.compare.Settings;
import dev.concurrencylab.lab.compare.Workload;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code concurrency-lab compare}: speedup against workers for every way of running work at
 * once, in a table and, with {@code --out}, a report with charts.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Split sleep-bound and CPU-bound work among 1, 2, 4 ... workers (up to 2 x cores) and",
                "measure the speedup of platform threads, virtual threads, threads under the GIL model",
                "and child JVMs; with --python, of CPython threads and multiprocessing too (one or more interpreters)."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private ConcurrencyLab lab;

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "less work and 3 rounds: under a minute on 2 cores")
    private boolean quick;

    @Option(names = "--out", paramLabel = "DIR",
            description = "write index.html (charts inside), a PNG per workload, CSV and JSON into DIR")
    private Path out;

    @Option(names = "--python", arity = "0..1", fallbackValue = "", paramLabel = "PATH",
            description = {"also run the notebooks' Python snippets with this CPython (without PATH: the python3 on PATH);",
                    "give it more than once to compare interpreters, each charted under its own name with its",
                    "version, GIL state and default start method"})
    private List<String> pythons = new ArrayList<>();

    @Option(names = "--cluster", description = "also Hazelcast cluster members, one JVM per worker of the largest count "
            + "(their start adds seconds per member)")
    private boolean cluster;

    @Option(names = "--rounds", paramLabel = "N", description = "interleaved rounds (default 3 with --quick, else 5)")
    private Integer rounds;

    @Option(names = "--max-workers", paramLabel = "N", description = "the largest worker count (default 2 x cores)")
    private Integer maxWorkers;

    @Override
    public Integer call() throws Exception {
        Settings settings;
        try {
            settings = Settings.of(quick, rounds, maxWorkers, !pythons.isEmpty(), Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            lab.err.println("concurrency-lab compare: " + e.getMessage());
            return ConcurrencyLab.USAGE;
        }
        // Checked before measuring, so that a bad directory does not cost a minute of measurements.
        if (out != null) {
            try {
                Files.createDirectories(out);
            } catch (IOException e) {
                lab.err.println("concurrency-lab compare: cannot create " + out + ": " + e);
                return ConcurrencyLab.USAGE;
            }
            if (!Files.isWritable(out)) {
                lab.err.println("concurrency-lab compare: cannot write into " + out);
                return ConcurrencyLab.USAGE;
            }
        }
        List<PythonFacts> asked = new ArrayList<>();
        for (String python : pythons) {
            if (python.isEmpty()) {
                Optional<PythonFacts> onPath = Comparison.pythonOnPath().flatMap(PythonFacts::of);
                onPath.ifPresentOrElse(asked::add, () -> lab.err.println(
                        "compare: no python3 on PATH answers as CPython 3; comparing without it."));
                continue;
            }
            Path executable = Path.of(python);
            if (!Files.isRegularFile(executable) || !Files.isExecutable(executable)) {
                lab.err.println("concurrency-lab compare: --python " + python + ": no such executable file");
                return ConcurrencyLab.USAGE;
            }
            Optional<PythonFacts> facts = PythonFacts.of(executable);
            if (facts.isEmpty()) {
                lab.err.println("concurrency-lab compare: --python " + python + " did not answer as CPython 3 "
                        + "(asked for its version, GIL state and multiprocessing start method)");
                return ConcurrencyLab.USAGE;
            }
            asked.add(facts.get());
        }
        List<PythonInterpreter> interpreters = PythonInterpreter.named(asked);
        interpreters.forEach(python -> lab.err.println("compare: " + python.describe()));

        Progress progress = new Progress(lab.err, Comparison.steps(settings, interpreters.size(), cluster), Progress.onTerminal());
        Results results = new Comparison(settings, progress, interpreters, cluster).run();

        printTable(results);
        Report report = new Report(results, "concurrency-lab " + String.join(" ", spec.commandLine()
                .getParseResult().originalArgs()));
        lab.out.println();
        report.findings().forEach(lab.out::println);
        results.pythonNotes().forEach(lab.out::println);
        if (out != null) {
            Path page = report.writeTo(out);
            lab.out.println();
            lab.out.println("Report: " + page.toAbsolutePath().normalize());
        }
        return 0;
    }

    private void printTable(Results results) {
        List<Integer> counts = results.settings().workerCounts();
        for (Workload workload : Workload.values()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> header = new ArrayList<>(List.of(workload.id));
            counts.forEach(n -> header.add(n + (n == 1 ? " worker" : " workers")));
            header.add("Amdahl p");
            rows.add(header);
            for (Contender contender : results.contenders(workload)) {
                List<String> row = new ArrayList<>(List.of(contender.label()));
                counts.forEach(n -> row.add(Results.speedupText(results.speedup(workload, contender, n))
                        + (results.busy(workload, contender, n) ? " (busy)" : "")));
                row.add(results.amdahl(workload, contender).map(p -> String.format(Locale.ROOT,
                        results.amdahlIsAFinding(workload, contender) ? "%.2f" : "(%.2f: noise)", p)).orElse("-"));
                rows.add(row);
            }
            lab.out.println();
            TextTable.print(lab.out, rows);
        }
    }
}
