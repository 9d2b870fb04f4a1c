package dev.concurrencylab.exercises;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds an installed JDK of one feature release (say 25): the one running, one named by an
 * environment variable, or one in the folders where installers and SDK managers put JDKs, as
 * the launcher script looks for a JDK 21+. A JDK is recognised by its {@code release} file.
 */
final class JdkFinder {

    private JdkFinder() {}

    static Optional<Path> find(String release) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(Path.of(System.getProperty("java.home")));
        for (String variable : List.of(Exploration.JDK_ENVIRONMENT, "JDK" + release + "_HOME", "JAVA" + release + "_HOME", "JAVA_HOME")) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                candidates.add(Path.of(value));
            }
        }
        // actions/setup-java names each JDK it installs JAVA_HOME_<release>_<arch>.
        System.getenv().entrySet().stream().filter(variable -> variable.getKey().startsWith("JAVA_HOME_" + release + "_"))
                .forEach(variable -> candidates.add(Path.of(variable.getValue())));
        String home = System.getProperty("user.home");
        for (String folder : List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/Library/Java/JavaVirtualMachines",
                home + "/Library/Java/JavaVirtualMachines", home + "/.sdkman/candidates/java", home + "/.jdks",
                home + "/.asdf/installs/java", home + "/.gradle/jdks", "C:\\Program Files\\Java",
                "C:\\Program Files\\Eclipse Adoptium", "C:\\Program Files\\Microsoft", "C:\\Program Files\\Zulu")) {
            Path root = Path.of(folder);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(root)) {
                for (Path child : children) {
                    candidates.add(child);
                    candidates.add(child.resolve("Contents").resolve("Home")); // macOS bundles
                }
            } catch (IOException | SecurityException e) {
                // a folder we may not list holds nothing we can use
            }
        }
        return candidates.stream().filter(jdk -> release.equals(featureRelease(jdk))).findFirst();
    }

    /** "25" for a JDK whose release file says JAVA_VERSION="25.0.1"; null when it is no JDK (no jlink, no release file). */
    static String featureRelease(Path jdk) {
        Path release = jdk.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isDirectory(jdk.resolve("bin"))
                || Files.notExists(jdk.resolve("bin").resolve(dev.concurrencylab.core.Executables.fileName("jlink")))) {
            return null;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
                    int end = 0;
                    while (end < version.length() && Character.isDigit(version.charAt(end))) {
                        end++;
                    }
                    return version.substring(0, end);
                }
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return null;
    }
}
