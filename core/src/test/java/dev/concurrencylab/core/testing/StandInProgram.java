package dev.concurrencylab.core.testing;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A shell script that stands in for a program (a {@code python3} that prints what a test needs),
 * written by a child shell rather than by this JVM. A JVM that writes a file holds it open for
 * writing for a moment; a child that another thread forks in that moment inherits the descriptor,
 * and running the file then fails with "Text file busy" (ETXTBSY) until that child has started its
 * own program. Written by a child shell, the file is never open in this JVM, whatever runs beside
 * the test.
 */
public final class StandInProgram {

    private StandInProgram() {}

    /** Writes {@code #!/bin/sh} and {@code body} to {@code file}, owner-only and executable; returns the file. */
    public static Path write(Path file, String body) throws IOException, InterruptedException {
        Executables.Outcome wrote = Executables.run(List.of("/bin/sh", "-c", "printf '%s' \"$2\" > \"$1\" && chmod 700 \"$1\"",
                "sh", file.toString(), "#!/bin/sh\n" + body + "\n"), Timeouts.seconds(30));
        if (wrote.exitCode() != 0) {
            throw new IOException("could not write the stand-in " + file + ": " + String.join(" ", wrote.stderr()));
        }
        return file;
    }
}
