package dev.concurrencylab.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lesson, README or javadoc that says "notebook 002's Pool.map" must name the notebook that
 * holds it: the table {@code notebook-snippets.txt} says which notebook has which snippet, and a
 * line that names notebooks beside a snippet must name one that holds it.
 */
class NotebookAttributionsTest {

    /** A notebook's number, on a line that says "notebook": "notebook 002's", "notebooks 001 and 003". */
    private static final Pattern NOTEBOOK = Pattern.compile("\\b(00[0-4])\\b");

    @Test
    void everySnippetIsAttributedToANotebookThatHoldsIt() throws IOException {
        Map<String, Set<String>> holders = table();
        Path project = Path.of("..").toAbsolutePath().normalize(); // Surefire runs in the module folder
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.filter(NotebookAttributionsTest::isSource).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String where = project.relativize(file) + ":" + (i + 1) + ": ";
                    misattributions(lines.get(i), holders).forEach(problem -> wrong.add(where + problem));
                }
            }
        }
        assertThat(wrong).as("snippets attributed to a notebook that does not hold them").isEmpty();
    }

    @Test
    void aSnippetNextToTheWrongNotebookIsFound() throws IOException {
        Map<String, Set<String>> holders = table();
        assertThat(misattributions("Mirrors notebook 002's Pool.map(f, range(...))", holders)).hasSize(1);
        assertThat(misattributions("Mirrors notebook 003's Pool.map(f, range(...))", holders)).isEmpty();
        assertThat(misattributions("notebook 001's race condition, in notebook 000's a[0] += 1 form", holders)).isEmpty();
    }

    /** Each snippet of a line that names notebooks, none of which holds it. */
    static List<String> misattributions(String line, Map<String, Set<String>> holders) {
        List<String> problems = new ArrayList<>();
        if (!line.contains("notebook")) {
            return problems;
        }
        Set<String> named = new TreeSet<>();
        Matcher notebook = NOTEBOOK.matcher(line);
        while (notebook.find()) {
            named.add(notebook.group(1));
        }
        holders.forEach((snippet, notebooks) -> {
            if (line.contains(snippet) && !named.isEmpty() && named.stream().noneMatch(notebooks::contains)) {
                problems.add("'" + snippet + "' is in notebook " + String.join(" or ", notebooks) + ", not " + String.join(" or ", named)
                        + ": " + line.strip());
            }
        });
        return problems;
    }

    private static boolean isSource(Path path) {
        String name = path.getFileName().toString();
        String where = path.toString().replace('\\', '/');
        return (name.endsWith(".java") || name.endsWith(".md")) && !where.contains("/target/") && !where.contains("/.git/")
                && !name.equals("NotebookAttributionsTest.java");
    }

    private static Map<String, Set<String>> table() throws IOException {
        Map<String, Set<String>> holders = new LinkedHashMap<>();
        try (InputStream in = Objects.requireNonNull(NotebookAttributionsTest.class.getResourceAsStream("/notebook-snippets.txt"))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.lastIndexOf(" | ");
                holders.put(line.substring(0, bar), Set.of(line.substring(bar + 3).strip().split("\\s+")));
            }
        }
        return holders;
    }
}
