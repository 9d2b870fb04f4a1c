package dev.concurrencylab.core;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Other programs (python3, a browser): finding them as a shell would, and running them with a deadline. */
public final class Executables {

    /** Whether this JVM runs on Windows, where programs end in ".exe". */
    public static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    /** How a program ended and what it printed. */
    public record Outcome(int exitCode, List<String> stdout, List<String> stderr) {}

    private Executables() {}

    /** A program's file name as this OS spells it: "java", or "java.exe" on Windows. */
    public static String fileName(String program) {
        return WINDOWS ? program + ".exe" : program;
    }

    /** The first executable file for one of {@code programs} in the PATH directories, in PATH order. */
    public static Optional<Path> onPath(String... programs) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String program : programs) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, fileName(program));
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} with its stdin closed and waits for it, at most {@code limit}.
     * Its output goes to owner-only temporary files (no pipe to fill up and block it), deleted
     * afterwards. Whatever happens, the program and every process it started are killed before
     * this returns: a helper it left behind would otherwise outlive us.
     *
     * @throws IOException the program could not start, or did not finish within {@code limit}
     */
    public static Outcome run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("concurrency-lab-", ".out");
        Path stderr = Files.createTempFile("concurrency-lab-", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                    .start();
            try {
                process.getOutputStream().close(); // nothing to read: a program that asks sees the end at once
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(String.format(Locale.ROOT, "%s did not finish within %.1f s",
                            command.getFirst(), limit.toMillis() / 1000.0));
                }
            } finally {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
            return new Outcome(process.exitValue(), Files.readAllLines(stdout, StandardCharsets.UTF_8),
                    Files.readAllLines(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
