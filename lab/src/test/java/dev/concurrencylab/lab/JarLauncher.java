package dev.concurrencylab.lab;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the shaded jar in a child JVM, the way a reader runs it (with the launcher script's
 * {@code --enable-preview}), and collects what it printed.
 */
final class JarLauncher {

    static final Path JAR = Path.of(System.getProperty("concurrencylab.jar", "target/concurrency-lab.jar"));

    record Run(int code, String stdout, String stderr) {}

    private JarLauncher() {}

    static Run launch(String... args) {
        assertThat(JAR).as("the shaded jar").exists();
        try (ChildJvm lab = ChildJvm.builder(ConcurrencyLab.class).classPath(JAR.toString())
                .name("concurrency-lab").jvmOptions("--enable-preview").arguments(args).timeout(Timeouts.seconds(300)).start()) {
            int code = lab.waitFor(Timeouts.seconds(300));
            return new Run(code, String.join("\n", lab.stdoutLines()), lab.stderr());
        }
    }
}
