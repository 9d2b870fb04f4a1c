package dev.concurrencylab.core.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a README that a run writes, never a person: everything between
 * {@code <!-- KIND ID -->} and {@code <!-- /KIND -->}. The launcher's {@code observed} writes the
 * lessons' blocks ({@code observed}); the benchmark and jcstress runs write theirs
 * ({@code measured}). Each block opens with the command, the day and the machine it ran on.
 */
public final class ReadmeBlock {

    /** The blocks a lesson run writes. */
    public static final String OBSERVED = "observed";

    /** The blocks a benchmark or jcstress run writes. */
    public static final String MEASURED = "measured";

    private ReadmeBlock() {}

    /** Every block of either kind: group 1 its kind, group 2 its id. */
    public static final Pattern ANY = Pattern.compile("<!-- (observed|measured) ([a-z0-9-]+) -->\\n.*?<!-- /\\1 -->", Pattern.DOTALL);

    /**
     * A block's text: the command, when and on what it ran (and {@code extra}, if any), then what
     * it printed, as a code block.
     */
    public static String stamped(String command, String extra, String printed) {
        return String.format("%s%n%n```%n%s```%n", heading(command, extra), printed.stripTrailing() + System.lineSeparator());
    }

    /** The line a block opens with: the command, when and on what it ran, and {@code extra} if not null. */
    public static String heading(String command, String extra) {
        Machine machine = Machine.current();
        return String.format("`%s`, %s, %s, %d processors (cgroup CPU quota: %s), %s%s:", command, LocalDate.now(),
                machine.jvm(), machine.processors(), machine.cgroupQuota(), machine.os(), extra == null ? "" : "; " + extra);
    }

    /** {@code readme} with the block {@code <!-- measured id -->} holding {@code body}. */
    public static String fill(String readme, String id, String body) {
        Pattern block = Pattern.compile("(<!-- " + MEASURED + " " + Pattern.quote(id) + " -->\\n)(.*?)(<!-- /" + MEASURED + " -->)",
                Pattern.DOTALL);
        Matcher found = block.matcher(readme);
        if (!found.find()) {
            throw new IllegalArgumentException("no <!-- " + MEASURED + " " + id + " --> block");
        }
        return found.replaceFirst(Matcher.quoteReplacement(found.group(1) + body + found.group(3)));
    }

    /** Rewrites the block {@code <!-- measured id -->} of the file {@code readme} with {@code body}. */
    public static void rewrite(Path readme, String id, String body) throws IOException {
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        Files.writeString(readme, fill(text, id, body), StandardCharsets.UTF_8);
    }
}
