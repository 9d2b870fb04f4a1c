package dev.concurrencylab.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the CPython on this machine is, asked of it: its version, whether its GIL is enabled
 * ({@code sys._is_gil_enabled()}, which every build from 3.13 has: true in the default builds,
 * false in a free-threaded build running without its GIL, which can turn it back on with
 * {@code PYTHON_GIL=1}, {@code -X gil=1} or an extension module not marked safe without it;
 * before 3.13 there is always a GIL), and the start method {@code multiprocessing} uses by default there. The GIL and
 * start-method lessons say these facts for the interpreter a reader actually has.
 *
 * @param executable         the interpreter that answered
 * @param version            e.g. {@code 3.11.7}
 * @param gilEnabled         false only for a free-threaded build running without its GIL
 * @param defaultStartMethod {@code fork}, {@code forkserver} or {@code spawn}
 */
public record PythonFacts(Path executable, String version, boolean gilEnabled, String defaultStartMethod) {

    /** One line: version, "gil" or "nogil", start method. Python 2 has no get_start_method: it fails, and gives no facts. */
    static final String PROBE = "import sys, multiprocessing as m; g = getattr(sys, '_is_gil_enabled', None); "
            + "print(sys.version.split()[0] + ' ' + ('gil' if g is None or g() else 'nogil') + ' ' + m.get_start_method())";

    /** The python3 (or python) on PATH, asked; empty when there is none or it does not answer. */
    public static Optional<PythonFacts> onPath() {
        return Executables.onPath("python3", "python").flatMap(PythonFacts::of);
    }

    /** {@code python}, asked within 20 s (scaled); empty when it does not answer with the probe's line. */
    public static Optional<PythonFacts> of(Path python) {
        try {
            Executables.Outcome answer = Executables.run(List.of(python.toString(), "-c", PROBE), Timeouts.seconds(20));
            if (answer.exitCode() != 0 || answer.stdout().isEmpty()) {
                return Optional.empty();
            }
            String[] words = answer.stdout().getLast().strip().split(" ");
            if (words.length != 3 || !words[0].matches("\\d+\\.\\d+.*") || !words[1].matches("gil|nogil")) {
                return Optional.empty();
            }
            return Optional.of(new PythonFacts(python, words[0], words[1].equals("gil"), words[2]));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** "CPython 3.11.7 (GIL enabled; multiprocessing starts with fork)". */
    public String describe() {
        return "CPython " + version + " (" + (gilEnabled ? "GIL enabled" : "GIL disabled: a free-threaded build")
                + "; multiprocessing starts with " + defaultStartMethod + ")";
    }
}
