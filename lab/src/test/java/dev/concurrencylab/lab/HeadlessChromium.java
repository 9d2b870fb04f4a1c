package dev.concurrencylab.lab;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.ipc.PrivateDirectory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes a screenshot of a local page with headless Chromium (Debian's {@code chromium}, or Chrome):
 * what a reader would see, rendered by a real browser. A fresh profile in an owner-only directory
 * per shot; the browser and its helper processes are killed if it overruns.
 */
final class HeadlessChromium {

    private static final List<String> NAMES =
            List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** $CHROME if set, else the first of the usual names on PATH. */
    static Optional<HeadlessChromium> find() {
        String chosen = System.getenv("CHROME");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(chosen)));
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new HeadlessChromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    Path executable() {
        return executable;
    }

    /** Renders {@code page} in a window {@code width} x {@code height} into the PNG {@code shot}. */
    void screenshot(Path page, Path shot, int width, int height) throws IOException, InterruptedException {
        Duration limit = Timeouts.seconds(60);
        try (PrivateDirectory profile = PrivateDirectory.create("chromium")) {
            Path log = profile.path().resolve("chromium.log");
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the page is our own file.
            Process browser = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
                    "--user-data-dir=" + profile.path().resolve("profile"),
                    "--window-size=" + width + "," + height, "--screenshot=" + shot.toAbsolutePath(),
                    page.toAbsolutePath().toUri().toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                if (!browser.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException(executable + " took more than " + limit.toSeconds() + " s for a screenshot");
                }
                if (browser.exitValue() != 0 || !Files.isRegularFile(shot)) {
                    throw new IOException(executable + " exited with " + browser.exitValue() + " and no screenshot: "
                            + Files.readString(log));
                }
            } finally {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
                browser.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}
