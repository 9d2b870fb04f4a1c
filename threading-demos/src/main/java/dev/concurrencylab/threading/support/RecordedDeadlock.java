package dev.concurrencylab.threading.support;

import jdk.jfr.consumer.RecordingStream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deadlock as the flight recorder saw it: its {@code jdk.ThreadDump} event holds the same
 * thread dump {@code jstack} prints, with the JVM's "Found one Java-level deadlock" section, which
 * names for each thread in the cycle the lock it waits for and the thread that holds that lock.
 * A second witness beside {@code ThreadMXBean}, and one a reader can open later in JDK Mission
 * Control, since it is kept in the recording.
 */
public final class RecordedDeadlock {

    /** {@code "crossing-1":} then, on the next lines, {@code waiting for ... which is held by "crossing-2"}. */
    private static final Pattern WAITS_FOR = Pattern.compile(
            "^\"([^\"]+)\":\\s*\\n\\s+waiting (?:to lock|for)[^\\n]*\\n\\s+which is held by \"([^\"]+)\"", Pattern.MULTILINE);

    private static final String FOUND = "Found one Java-level deadlock:";

    private RecordedDeadlock() {}

    /**
     * Records thread dumps every {@code period} until one reports a deadlock, at most {@code limit}:
     * each edge of the cycle as {@code "waiter waits for holder"}, sorted; empty when no dump
     * reported one in time; absent when this JVM cannot record.
     */
    public static Optional<List<String>> await(Duration period, Duration limit) throws InterruptedException {
        RecordingStream stream;
        try {
            stream = new RecordingStream();
        } catch (IllegalStateException | SecurityException e) {
            return Optional.empty(); // a JVM without the flight recorder, or with it disabled
        }
        CompletableFuture<String> dump = new CompletableFuture<>();
        try (stream) {
            stream.enable("jdk.ThreadDump").withPeriod(period);
            stream.onEvent("jdk.ThreadDump", event -> {
                String text = event.getString("result");
                if (text != null && text.contains(FOUND)) {
                    dump.complete(text);
                }
            });
            stream.startAsync();
            return Optional.of(cycle(dump.get(limit.toNanos(), TimeUnit.NANOSECONDS)));
        } catch (TimeoutException e) {
            return Optional.of(List.of());
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading the flight recorder's thread dump failed", e.getCause());
        }
    }

    /** The edges of the first deadlock a thread dump reports, as {@code "waiter waits for holder"}, sorted. */
    static List<String> cycle(String threadDump) {
        int found = threadDump.indexOf(FOUND);
        if (found < 0) {
            return List.of();
        }
        String section = threadDump.substring(found);
        int stacks = section.indexOf("Java stack information");
        Matcher edge = WAITS_FOR.matcher(stacks < 0 ? section : section.substring(0, stacks));
        List<String> edges = new ArrayList<>();
        while (edge.find()) {
            edges.add(edge.group(1) + " waits for " + edge.group(2));
        }
        edges.sort(null);
        return edges;
    }
}
