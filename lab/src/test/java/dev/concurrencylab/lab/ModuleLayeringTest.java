package dev.concurrencylab.lab;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the module graph alone does not stop: a chapter's lessons used as a library by another
 * chapter (what two chapters share belongs in the library package beside them), the explorer's
 * scheduler (Fray) reached from anywhere but the explorer, whose JVM alone loads it, and a file
 * grown past one idea.
 */
class ModuleLayeringTest {

    private static final Pattern LESSON_IMPORT = Pattern.compile("^import dev\\.concurrencylab\\.(\\w+)\\.lessons\\.", Pattern.MULTILINE);

    @Test
    void noModuleUsesAnotherChaptersLessons() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (Path source : mainSources()) {
            String text = Files.readString(source);
            String ownPackage = packageOf(text);
            Matcher imported = LESSON_IMPORT.matcher(text);
            while (imported.find()) {
                if (!ownPackage.startsWith("dev.concurrencylab." + imported.group(1))) {
                    crossings.add(source + " imports dev.concurrencylab." + imported.group(1) + ".lessons");
                }
            }
        }
        assertThat(crossings).as("imports of another chapter's lessons").isEmpty();
    }

    @Test
    void onlyTheExplorerReachesTheScheduler() throws IOException {
        List<String> reaching = new ArrayList<>();
        for (Path source : mainSources()) {
            if (!source.startsWith(project().resolve("exercises-explorer")) && Files.readString(source).contains("import org.pastalab.")) {
                reaching.add(source.toString());
            }
        }
        assertThat(reaching).as("main sources outside exercises-explorer that import Fray").isEmpty();
    }

    /** Past this, a file of lesson or library code holds two ideas; split it where they part. */
    private static final int MOST_LINES = 350;

    @Test
    void noFileOfMainCodeHoldsMoreThan350Lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path source : mainSources()) {
            long lines = Files.readAllLines(source).size();
            if (lines > MOST_LINES) {
                tooLong.add(project().relativize(source) + ": " + lines + " lines");
            }
        }
        assertThat(tooLong).as("main sources over %d lines", MOST_LINES).isEmpty();
    }

    private static Path project() {
        return Path.of("..").toAbsolutePath().normalize(); // Surefire runs in the module folder
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(project())) {
            for (Path module : modules.filter(folder -> Files.isDirectory(folder.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    files.filter(file -> file.toString().endsWith(".java")).forEach(sources::add);
                }
            }
        }
        assertThat(sources).as("main sources found under " + project()).hasSizeGreaterThan(100);
        return sources;
    }

    private static String packageOf(String source) {
        Matcher declared = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE).matcher(source);
        return declared.find() ? declared.group(1) : "";
    }
}
