package dev.concurrencylab.lab;

import dev.concurrencylab.core.measure.ReadmeBlock;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No README holds a measured figure that a run did not write: a number with a unit of time, rate,
 * size or ratio is either inside a block a run writes ({@code observed}, {@code measured}), a
 * bound ("at least 2 M/s", "≤ 15 µs"), or a fact that is not a measurement (a default, a limit,
 * a size the code uses), listed with its reason in {@code readme-figures-allowed.txt}. The same
 * holds for the closing comment of every lesson file, which points at its README block instead of
 * pasting a run. A figure typed beside a generated one drifts from it; this test is why it cannot.
 */
class ReadmeFiguresTest {

    private static final String NUMBER = "\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?";

    /** A number and a unit a measurement would carry. */
    static final Pattern FIGURE = Pattern.compile("(?<![\\w.])" + NUMBER
            + "\\s?(?:ns|µs|us|ms|s|min|x|×|%|[KMG]B/s|[kKMG]/s|ops/s|[KMG]i?B|bytes)(?![\\w/])");

    /** A bound or a range of bounds: a target or a threshold, not a measurement. */
    static final Pattern BOUND = Pattern.compile("(?:≥|≤|at least|at most|up to|under|between|near|about)\\s*" + FIGURE.pattern()
            + "(?:\\s*(?:and|or|to)\\s*" + FIGURE.pattern() + ")?");

    @Test
    void everyMeasuredFigureInAReadmeComesFromARun() throws IOException {
        Path project = Path.of("..").toAbsolutePath().normalize(); // Surefire runs in the module folder
        List<Allowed> allowed = allowed();
        List<String> typed = new ArrayList<>();
        List<Allowed> used = new ArrayList<>();
        try (Stream<Path> files = Files.find(project, 2, (path, attributes) -> path.getFileName().toString().equals("README.md"))) {
            for (Path readme : files.sorted().toList()) {
                String name = project.relativize(readme).toString().replace('\\', '/');
                String outsideBlocks = ReadmeBlock.ANY.matcher(Files.readString(readme, StandardCharsets.UTF_8)).replaceAll("");
                for (String written : outsideBlocks.split("\\R")) {
                    String line = BOUND.matcher(written).replaceAll(" ");
                    Matcher figure = FIGURE.matcher(line);
                    while (figure.find()) {
                        String around = line.substring(Math.max(0, figure.start() - 40), Math.min(line.length(), figure.end() + 40));
                        List<Allowed> fits = allowed.stream().filter(a -> a.file().equals(name) && line.contains(a.phrase())
                                && a.phrase().contains(figure.group())).toList();
                        if (fits.isEmpty()) {
                            typed.add(name + ": '" + figure.group() + "' in \"" + around.strip() + "\"");
                        }
                        used.addAll(fits);
                    }
                }
            }
        }
        try (Stream<Path> files = Files.find(project, 12, (path, attributes) -> path.getFileName().toString().endsWith("Lesson.java")
                && path.toString().contains("src" + java.io.File.separator + "main") && !path.toString().contains("target"))) {
            for (Path lesson : files.sorted().toList()) {
                String text = Files.readString(lesson, StandardCharsets.UTF_8);
                String closing = text.substring(Math.max(0, text.lastIndexOf("\n}\n")));
                for (String written : closing.split("\\R")) {
                    if (written.contains("./concurrency-lab run ")) {
                        continue; // the command and the sizes --quick uses: the lesson's parameters
                    }
                    Matcher figure = FIGURE.matcher(BOUND.matcher(written).replaceAll(" "));
                    while (figure.find()) {
                        typed.add(lesson.getFileName() + " (closing comment): '" + figure.group() + "' in \"" + written.strip() + "\"");
                    }
                }
            }
        }
        assertThat(typed).as("measured figures typed by hand outside a block a run writes (move them into one, make them "
                + "a bound, or list a fact that is not a measurement in readme-figures-allowed.txt)").isEmpty();
        assertThat(allowed.stream().filter(phrase -> !used.contains(phrase)).toList())
                .as("allowed phrases that no README holds any more").isEmpty();
    }

    @Test
    void aTypedFigureIsFoundAndABlockOrABoundIsNot() {
        assertThat(FIGURE.matcher("round trips of 5.9 µs and 7.0 us, 3.77 M/s, 1.57 GB/s, 0.97x, 30.85%").results().count())
                .isEqualTo(6);
        assertThat(FIGURE.matcher("CPython 3.11.7 on JDK 25, 2 cores, 31 lessons").find()).isFalse();
        assertThat(BOUND.matcher("at least 2 M/s, ≤ 15 µs, between 0.6x and 1.6x").replaceAll(" ")).doesNotContainPattern("\\d");
        String readme = "before 1.2 s\n<!-- measured x -->\n4.5 ms\n<!-- /measured -->\nafter\n";
        assertThat(ReadmeBlock.ANY.matcher(readme).replaceAll("")).isEqualTo("before 1.2 s\n\nafter\n");
    }

    /** A phrase holding a figure that is a fact, not a measurement, in one README, with why. */
    record Allowed(String file, String phrase, String why) {}

    private static List<Allowed> allowed() throws IOException {
        List<Allowed> allowed = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(ReadmeFiguresTest.class.getResourceAsStream("/readme-figures-allowed.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s*\\|\\s*");
                assertThat(parts).as("'file | phrase | why': " + line).hasSize(3);
                allowed.add(new Allowed(parts[0], parts[1], parts[2]));
            }
        }
        return allowed;
    }
}
