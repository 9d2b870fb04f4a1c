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

    /** How a program ended and what it printed. */
    public record Outcome(int exitCode, List<String> stdout, List<String> stderr) {}

    private Executables() {}

    /** The first executable file named one of {@code names} in the PATH directories, in PATH order. */
    public static Optional<Path> onPath(String... names) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code command} with nothing on its stdin and waits for it, at most {@code limit}.
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
                    .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                    .start();
            try {
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
