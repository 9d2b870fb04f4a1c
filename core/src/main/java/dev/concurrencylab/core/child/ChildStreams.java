package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Timeouts;

import org.apache.commons.exec.ExecuteStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/** Reads a child JVM's stdout (as lines, unless binary) and stderr on two daemon threads. */
final class ChildStreams implements ExecuteStreamHandler {

    /** How much of the child's stderr is kept for error messages: the end of it. */
    private static final int STDERR_KEPT_CHARS = 16 * 1024;

    /** Longer lines are not kept: a child that prints one without a newline cannot fill our heap. */
    static final int MAX_LINE_CHARS = 1 << 20;

    /** Put after the last stdout line. Compared by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String END = new String("<end of stdout>");

    private final String name;
    private final boolean binaryStdout;
    private final Consumer<String> stderrLines;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder stderr = new StringBuilder(); // guarded by itself
    private final List<Thread> readers = new ArrayList<>();
    private InputStream stdout;
    private InputStream stderrStream;
    private volatile String overflow; // set once, by the stdout reader

    /** {@code stderrLines} is handed each stderr line as it arrives, in order, besides the kept tail. */
    ChildStreams(String name, boolean binaryStdout, Consumer<String> stderrLines) {
        this.name = name;
        this.binaryStdout = binaryStdout;
        this.stderrLines = stderrLines;
    }

    /** The child's stdout as bytes, when it is not read as lines. */
    Optional<InputStream> binaryStdout() {
        return binaryStdout ? Optional.of(stdout) : Optional.empty();
    }

    BlockingQueue<String> lines() {
        return lines;
    }

    List<String> seenLines() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    String stderrTail() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    @Override
    public void setProcessInputStream(OutputStream os) {
        // The caller writes to the child's stdin through Process.getOutputStream().
    }

    @Override
    public void setProcessOutputStream(InputStream is) {
        this.stdout = is;
    }

    @Override
    public void setProcessErrorStream(InputStream is) {
        this.stderrStream = is;
    }

    @Override
    public void start() {
        if (!binaryStdout) {
            readers.add(Thread.ofPlatform().daemon().name(name + "-stdout").start(this::readStdout));
        }
        readers.add(Thread.ofPlatform().daemon().name(name + "-stderr").start(this::readStderr));
    }

    /** Receives the lines of {@link #readLines}. */
    interface LineSink {
        /** {@code cut}: the line was longer than the limit; this is its start, the rest was skipped. */
        void line(String line, boolean cut);
    }

    /**
     * Reads lines (ended by a newline; carriage returns are dropped) of at most {@code max}
     * characters: a longer line is handed on cut at {@code max}, and the rest of it is skipped
     * unread into memory.
     */
    static void readLines(Reader in, int max, LineSink sink) throws IOException {
        StringBuilder line = new StringBuilder();
        boolean cut = false;
        char[] chunk = new char[8192];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                char c = chunk[i];
                if (c == '\n') {
                    if (!cut) {
                        sink.line(line.toString(), false);
                    }
                    line.setLength(0);
                    cut = false;
                } else if (c != '\r' && !cut) {
                    if (line.length() == max) {
                        sink.line(line.toString(), true);
                        line.setLength(0);
                        cut = true;
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        if (!line.isEmpty() && !cut) {
            sink.line(line.toString(), false);
        }
    }

    /** Why stdout stopped being read as lines, or null. */
    String overflow() {
        return overflow;
    }

    private void readStdout() {
        try (Reader reader = new InputStreamReader(stdout, StandardCharsets.UTF_8)) {
            readLines(reader, MAX_LINE_CHARS, (line, cut) -> {
                if (overflow != null) {
                    return; // drained, so that the child does not block on a full pipe, but not kept
                }
                if (cut) {
                    overflow = "printed a line of more than " + MAX_LINE_CHARS + " characters on stdout";
                    lines.add(END);
                    return;
                }
                seen.add(line);
                lines.add(line);
            });
        } catch (IOException e) {
            // The stream was closed under us: the child is gone. END below says so.
        } finally {
            lines.add(END);
        }
    }

    private void readStderr() {
        try (Reader reader = new InputStreamReader(stderrStream, StandardCharsets.UTF_8)) {
            readLines(reader, STDERR_KEPT_CHARS, (line, cut) -> {
                synchronized (stderr) {
                    stderr.append(line).append(cut ? " [cut]\n" : "\n");
                    if (stderr.length() > STDERR_KEPT_CHARS) {
                        stderr.delete(0, stderr.length() - STDERR_KEPT_CHARS);
                    }
                }
                stderrLines.accept(cut ? line + " [cut]" : line);
            });
        } catch (IOException e) {
            // As above: the child is gone.
        }
    }

    /** Called by Commons Exec after the child exited: let the readers drain what is left. */
    @Override
    public void stop() {
        Duration drain = Timeouts.seconds(5);
        for (Thread reader : readers) {
            try {
                // A grandchild that inherited the pipe can hold it open; do not wait forever.
                reader.join(drain);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
