package dev.concurrencylab.lab.compare;

import java.io.Console;
import java.io.PrintStream;

/**
 * Where the comparison has got to: a bar redrawn in place on a terminal, one plain line per step
 * otherwise (a log, CI, a pipe), so that a file never fills with carriage returns.
 */
public final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private int total;
    private final boolean bar;
    private int done;

    public Progress(PrintStream out, int total, boolean bar) {
        this.out = out;
        this.total = total;
        this.bar = bar;
    }

    /**
     * Whether standard output is an interactive terminal. JDK 22+ answers it with
     * {@code Console.isTerminal()}; on 21 a console exists only for a terminal.
     */
    public static boolean onTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** One more step is done; {@code what} says which. */
    public void step(String what) {
        done++;
        if (bar) {
            int filled = WIDTH * done / total;
            out.printf("\r[%s%s] %3d%% %-60.60s", "#".repeat(filled), ".".repeat(WIDTH - filled), 100 * done / total, what);
            if (done == total) {
                out.println();
            }
        } else {
            out.printf("[%d/%d] %s%n", done, total, what);
        }
        out.flush();
    }

    /** {@code steps} announced steps will not happen after all (a part of the run was given up). */
    public void drop(int steps) {
        total -= steps;
        if (bar && done == total) {
            out.println();
        }
    }

    /** A message between steps, on its own line. */
    public void say(String message) {
        if (bar && done > 0 && done < total) {
            out.println();
        }
        out.println(message);
    }
}
