import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Run by the build with the selected toolchain's own java (exec-maven-plugin, before compiling):
 * writes which of the newer-JDK source sets that JDK can compile, as properties the compiler
 * executions read. The JDK that runs Maven does not matter; the toolchain's does.
 *
 * <p>{@code -Dtoolchain.as=21} on the Maven command line builds as a JDK 21 toolchain would:
 * the newer source sets are left out, and the lessons that need them say they are unavailable.
 */
public final class ToolchainRelease {

    public static void main(String[] args) throws IOException {
        int feature = Runtime.version().feature();
        String as = System.getProperty("toolchain.as", "").strip();
        if (!as.isEmpty()) {
            int pretended = Integer.parseInt(as);
            if (pretended > feature) {
                throw new IllegalArgumentException("toolchain.as=" + as + ": the toolchain is JDK " + feature
                        + ", which cannot pretend to be newer");
            }
            feature = pretended;
        }
        Properties properties = new Properties();
        properties.setProperty("toolchain.feature", Integer.toString(feature));
        // src/main/java22: APIs final in JDK 22 (the FFM API), compiled with --release 22 on any JDK 22+.
        properties.setProperty("jdk22.skip", Boolean.toString(feature < 22));
        // src/main/java25-preview: preview APIs of JDK 25 (structured concurrency), which change from
        // one JDK to the next: compiled with --release 25 --enable-preview on exactly JDK 25.
        properties.setProperty("jdk25.preview.skip", Boolean.toString(feature != 25));
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        String archives = System.getProperty("toolchain.archive.dir", "");
        if (!archives.isEmpty()) {
            Files.createDirectories(Path.of(archives)); // the JVM writes its archive of these classes there on exit
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "written by build-support/ToolchainRelease.java");
        }
        System.out.printf("toolchain JDK %d%s: java22 sources %s, java25-preview sources %s%n", feature,
                as.isEmpty() ? "" : " (toolchain.as)", feature < 22 ? "skipped" : "compiled",
                feature != 25 ? "skipped" : "compiled");
    }
}
