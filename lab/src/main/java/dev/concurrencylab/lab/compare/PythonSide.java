package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.ScriptFile;
import dev.concurrencylab.core.Timeouts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs {@code notebook_workloads.py} with one CPython interpreter, one round per call, and turns
 * its lines into samples of that interpreter's two contenders. The script is copied to an
 * owner-only temporary file, deleted on {@link #close()}; CPython and the processes it started
 * are killed if a round overruns.
 */
final class PythonSide implements AutoCloseable {

    private final PythonInterpreter interpreter;
    private final Contender threads;
    private final Contender processes;
    private final ScriptFile script;
    private String version;
    private Long count; // calibrated in the first round, reused after it

    private PythonSide(PythonInterpreter interpreter, ScriptFile script) {
        this.interpreter = interpreter;
        this.threads = Contender.cpythonThreads(interpreter);
        this.processes = Contender.cpythonProcesses(interpreter);
        this.script = script;
    }

    /** The first python3 (python on Windows) on PATH, if there is one. */
    static Optional<Path> findOnPath() {
        // Windows installs name it python; elsewhere "python" may still be Python 2.
        return Executables.WINDOWS ? Executables.onPath("python3", "python") : Executables.onPath("python3");
    }

    static PythonSide start(PythonInterpreter interpreter) throws IOException {
        return new PythonSide(interpreter, ScriptFile.copy(PythonSide.class, "notebook_workloads.py"));
    }

    PythonInterpreter interpreter() {
        return interpreter;
    }

    /** The version the script itself printed in its last round (the interpreter's facts say it too). */
    String version() {
        return version;
    }

    /** The owner-only copy of the script that python3 runs. */
    Path script() {
        return script.path();
    }

    /** One round: every worker count, both workloads, threads and processes. */
    List<Results.Sample> round(int round, Settings settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(interpreter.facts().executable().toString(), script.path().toString(),
                "--cpu-seconds", Double.toString(settings.cpuWork().toMillis() / 1000.0),
                "--sleep-seconds", Double.toString(settings.sleepTotal().toMillis() / 1000.0),
                "--workers", settings.workerCountsForRound(round).stream().map(String::valueOf).collect(Collectors.joining(","))));
        if (count != null) {
            command.addAll(List.of("--count", Long.toString(count)));
        }
        Duration limit = Timeouts.seconds(120).plus(settings.cpuWork().multipliedBy(20))
                .plus(settings.sleepTotal().multipliedBy(8));
        Executables.Outcome outcome = Executables.run(command, limit);
        if (outcome.exitCode() != 0) {
            throw new IOException(interpreter.name() + " exited with " + outcome.exitCode()
                    + (outcome.stderr().isEmpty() ? "" : ": " + outcome.stderr().getLast()));
        }
        return parse(outcome.stdout(), round);
    }

    private List<Results.Sample> parse(List<String> lines, int round) throws IOException {
        List<Results.Sample> samples = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.trim().split("\\s+");
            try {
                switch (words[0]) {
                    case "python" -> version = words[1];
                    case "count" -> count = Long.parseLong(words[1]);
                    case "result" -> samples.add(new Results.Sample(Workload.byId(words[1]), contender(words[2]),
                            Integer.parseInt(words[3]), round, Double.parseDouble(words[4]), seconds(words[5])));
                    default -> throw new IOException("unexpected line from " + interpreter.name() + ": " + line);
                }
            } catch (RuntimeException e) {
                throw new IOException("unreadable line from " + interpreter.name() + ": " + line, e);
            }
        }
        return samples;
    }

    private Contender contender(String id) {
        return switch (id) {
            case Contender.CPYTHON_THREADS -> threads;
            case Contender.CPYTHON_PROCESSES -> processes;
            default -> throw new IllegalArgumentException("unknown contender '" + id + "'");
        };
    }

    /** Python prints an unknown time as "nan". */
    private static double seconds(String word) {
        return word.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(word);
    }

    @Override
    public void close() throws IOException {
        script.close();
    }
}
