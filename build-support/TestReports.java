import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;

/**
 * Reads the Surefire and Failsafe XML reports under a build's modules and judges them, so that
 * CI asks what ran instead of matching a line with an exact count (which broke whenever a test
 * was added). Every report counts: a failure or an error anywhere fails the run. A test class
 * named with {@code --required} must have run at least one test and skipped none (a container
 * test that found no Docker engine skips; here that is a failure).
 *
 * <p>Run it from the project folder, with any JDK 17+:
 * {@code java build-support/TestReports.java [--module DIR] [--required CLASS ...]}
 * ({@code --module} limits the reading to one module's reports; CLASS is a simple or full name).
 */
public final class TestReports {

    record Suite(String name, int tests, int failures, int errors, int skipped, Path file) {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of("");
        List<String> required = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--module" -> root = Path.of(args[++i]);
                case "--required" -> {
                    while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                        required.add(args[++i]);
                    }
                }
                default -> {
                    System.err.println("usage: java build-support/TestReports.java [--module DIR] [--required CLASS ...]");
                    System.exit(2);
                }
            }
        }
        List<Suite> suites = read(root);
        List<String> problems = new ArrayList<>();
        int tests = 0;
        int skipped = 0;
        for (Suite suite : suites) {
            tests += suite.tests();
            skipped += suite.skipped();
            if (suite.failures() + suite.errors() > 0) {
                problems.add(suite.name() + ": " + suite.failures() + " failed, " + suite.errors() + " errors (" + suite.file() + ")");
            }
        }
        for (String name : required) {
            List<Suite> found = suites.stream()
                    .filter(suite -> suite.name().equals(name) || suite.name().endsWith("." + name)).toList();
            if (found.isEmpty()) {
                problems.add(name + ": no report; it did not run");
                continue;
            }
            for (Suite suite : found) {
                if (suite.tests() == 0 || suite.skipped() > 0) {
                    problems.add(suite.name() + ": " + suite.tests() + " tests, " + suite.skipped() + " skipped; it must run them all");
                } else {
                    System.out.printf("required: %s ran %d tests, none failed or skipped%n", suite.name(), suite.tests());
                }
            }
        }
        System.out.printf("%d test classes, %d tests, %d skipped, under %s%n", suites.size(), tests, skipped,
                root.toAbsolutePath().normalize());
        if (suites.isEmpty()) {
            problems.add("no test report found: no test ran");
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("FAILED: " + problem));
            System.exit(1);
        }
    }

    static List<Suite> read(Path root) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(file -> file.getFileName().toString().startsWith("TEST-")
                            && file.getFileName().toString().endsWith(".xml")
                            && file.getParent() != null
                            && (file.getParent().endsWith("surefire-reports") || file.getParent().endsWith("failsafe-reports"))
                            && !file.toString().contains("node_modules"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IOException("cannot read the reports under " + root + ": " + e.getMessage(), e);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        List<Suite> suites = new ArrayList<>();
        for (Path file : files) {
            Element suite = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
            suites.add(new Suite(suite.getAttribute("name"), count(suite, "tests"), count(suite, "failures"),
                    count(suite, "errors"), count(suite, "skipped"), file));
        }
        return suites;
    }

    private static int count(Element suite, String attribute) {
        String value = suite.getAttribute(attribute);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
