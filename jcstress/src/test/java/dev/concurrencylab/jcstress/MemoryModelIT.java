package dev.concurrencylab.jcstress;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.measure.ReadmeBlock;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs this module's jcstress tests in a child JVM (jcstress forks its own JVMs beneath it) and
 * fails if any is FAILED (a FORBIDDEN outcome was seen) or ERROR. The short mode (the default,
 * {@code -Pjcstress}) takes under a minute on 2 cores; {@code -Pjcstress-full} runs jcstress's
 * default mode. The per-test tables go to {@code target/jcstress-summary.txt}, jcstress's own
 * report and result blob under {@code target/jcstress-run}.
 */
class MemoryModelIT {

    static final int TESTS = 14;

    @Test
    void noForbiddenOutcomeAndTheRacyIncrementIsCaught() throws IOException {
        String mode = System.getProperty("jcstress.mode", "quick");
        // jcstress writes its result blob into its working directory: run it under target/, not in the module.
        Path workingDirectory = Files.createDirectories(Path.of("target", "jcstress-run")).toAbsolutePath();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
        List<String> arguments = new ArrayList<>(List.of("-t", "dev\\.concurrencylab\\.jcstress\\..*", "-r", "results",
                "-jvmArgs", "--enable-native-access=ALL-UNNAMED", "-v"));
        if (mode.equals("quick")) {
            // One fork, one 200 ms iteration per test, no split compilation modes: a smoke run, not a proof.
            arguments.addAll(List.of("-m", "quick", "-f", "1", "-iters", "1", "-time", "200", "-sc", "false"));
        } else {
            arguments.addAll(List.of("-m", mode));
        }
        List<String> lines;
        int code;
        try (ChildJvm jcstress = ChildJvm.builder(org.openjdk.jcstress.Main.class).name("jcstress")
                .workingDirectory(workingDirectory).classPath(classPath)
                .jvmOptions("--enable-native-access=ALL-UNNAMED")
                .arguments(arguments.toArray(String[]::new)).timeout(Timeouts.seconds(3600)).start()) {
            code = jcstress.waitFor(Timeouts.seconds(3600));
            lines = jcstress.stdoutLines();
        }
        List<String> summary = summary(lines);
        Files.write(Path.of("target", "jcstress-summary.txt"), summary, StandardCharsets.UTF_8);
        summary.forEach(System.out::println);
        // The module README shows the last run's tables, written here, never typed by hand.
        ReadmeBlock.rewrite(Path.of("README.md"), "jcstress", ReadmeBlock.stamped("./mvnw -P" + (mode.equals("quick") ? "jcstress" : "jcstress-full")
                + " -pl jcstress -am verify ...", mode.equals("quick") ? "short mode; samples are counts of outcomes across JIT modes"
                : "jcstress's " + mode + " mode", String.join(System.lineSeparator(), summary)));

        assertThat(lines.stream().filter(line -> line.contains("[FAILED]") || line.contains("[ERROR]")))
                .as("tests with a FORBIDDEN outcome or an error").isEmpty();
        assertThat(code).as("jcstress's exit code").isZero();
        assertThat(lines.stream().filter(line -> line.matches(".*\\[OK] dev\\.concurrencylab\\.jcstress\\..*")).distinct())
                .as("tests that ran").hasSize(TESTS);
        // The harness sees a race when there is one: the plain a[0] += 1 loses updates on any multi-core machine.
        assertThat(String.join("\n", summary)).containsPattern("ReadModifyWrite\\.Plain\\n.*RESULT.*\\n([^\\[].*\\n)*?\\s+1\\s+[\\d,]*[1-9][\\d,]*\\s+[\\d.]+%\\s+Interesting");
    }

    /** Each test once, by name: its verdict, then its "across all configurations" table (the last one printed). */
    static List<String> summary(List<String> lines) {
        Map<String, List<String>> tests = new TreeMap<>();
        List<String> current = null;
        boolean inTable = false;
        for (String line : lines) {
            Matcher verdict = VERDICT.matcher(line);
            if (verdict.matches()) {
                current = new ArrayList<>(List.of("[" + verdict.group(1) + "] " + verdict.group(2)));
                tests.merge(verdict.group(2), current, (old, fresh) -> fresh.size() >= old.size() ? fresh : old);
                inTable = false;
            } else if (line.strip().equals("Results across all configurations:")) {
                inTable = true;
            } else if (inTable && current != null && (line.strip().startsWith("RESULT") || ROW.matcher(line).matches())) {
                current.add(line);
            } else if (inTable && !line.isBlank()) {
                inTable = false;
            }
        }
        List<String> summary = new ArrayList<>();
        tests.values().forEach(test -> {
            summary.addAll(test);
            summary.add("");
        });
        return summary;
    }

    private static final Pattern VERDICT = Pattern.compile(".*\\[(OK|FAILED|ERROR)] (dev\\.concurrencylab\\.jcstress\\.\\S+).*");
    /** "  1, 0   12,345   0.10%  Interesting  description": an outcome may hold spaces, the columns after it do not. */
    private static final Pattern ROW = Pattern.compile("\\s+.+?\\s+[\\d,]+\\s+[\\d.]+%\\s+\\p{Alpha}+\\s+.*");
}
