package dev.concurrencylab.lab;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.ipc.PrivateDirectory;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Takes a screenshot of a local page with headless Chromium (Debian's {@code chromium}, or Chrome):
 * what a reader would see, rendered by a real browser. A fresh profile in an owner-only directory
 * per shot; the browser and its helper processes are killed if it overruns.
 */
final class HeadlessChromium {

    private static final String[] NAMES =
            {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"};

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /**
     * The browser, or the test is skipped with its reason printed; with
     * {@code -Dconcurrencylab.require.chromium=true} (CI) a missing browser fails it instead.
     */
    static HeadlessChromium foundOrSkip(String whatIsNotLookedAt) {
        Optional<HeadlessChromium> chromium = find();
        if (chromium.isEmpty()) {
            String reason = "no chromium on PATH (Debian: apt-get install chromium), so " + whatIsNotLookedAt + " was not looked at";
            assertThat(Boolean.getBoolean("concurrencylab.require.chromium")).as(reason + ", and CONCURRENCYLAB_REQUIRE_CHROMIUM=true").isFalse();
            System.out.println("SKIPPED " + reason);
            Assumptions.abort(reason);
        }
        return chromium.get();
    }

    /** $CHROME if set, else the first of the usual names on PATH. */
    static Optional<HeadlessChromium> find() {
        String chosen = System.getenv("CHROME");
        if (chosen != null && !chosen.isBlank()) {
            return Optional.of(new HeadlessChromium(Path.of(chosen)));
        }
        return Executables.onPath(NAMES).map(HeadlessChromium::new);
    }

    /**
     * Renders {@code page} in a window {@code width} x {@code height} into the PNG {@code shot}; the
     * browser's log lines, the page's console messages among them ({@code CONSOLE(line)}).
     */
    List<String> screenshot(Path page, Path shot, int width, int height) throws IOException, InterruptedException {
        try (PrivateDirectory profile = PrivateDirectory.create("chromium")) {
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start; the page is our own file.
            Executables.Outcome outcome = Executables.run(List.of(executable.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--enable-logging=stderr",
                    "--user-data-dir=" + profile.path(), "--window-size=" + width + "," + height,
                    "--screenshot=" + shot.toAbsolutePath(), page.toAbsolutePath().toUri().toString()),
                    Timeouts.seconds(60));
            if (outcome.exitCode() != 0 || !Files.isRegularFile(shot)) {
                throw new IOException(executable + " exited with " + outcome.exitCode() + " and no screenshot: "
                        + String.join("\n", outcome.stderr()));
            }
            return outcome.stderr();
        }
    }
}
