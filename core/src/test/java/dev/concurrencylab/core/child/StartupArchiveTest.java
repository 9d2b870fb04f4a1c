package dev.concurrencylab.core.child;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The options a child JVM gets for each kind of start-up archive, and what ChildJvm does with them. */
class StartupArchiveTest {

    @Test
    void cdsNamesAnArchivePerJdkAndKeepsTheJvmsLogOffStdout(@TempDir Path directory) throws Exception {
        String jar = Files.createFile(directory.resolve("lab.jar")).toString();
        List<String> cds = StartupArchive.options(StartupArchive.Kind.CDS, "test-child", jar).orElseThrow();
        assertThat(cds).contains("-XX:+AutoCreateSharedArchive", "-Xlog:disable", "-Xlog:all=warning,cds=off:stderr")
                .anySatisfy(option -> assertThat(option).startsWith("-XX:SharedArchiveFile=").contains("concurrency-lab")
                        .contains("test-child-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + "-").endsWith(".jsa"));
        assertThat(StartupArchive.options(StartupArchive.Kind.NONE, "test-child")).hasValue(List.of());
    }

    @Test
    void noArchiveForAClassPathWithADirectory(@TempDir Path directory) throws Exception {
        // The JVM would archive nothing and turn a child's exit code 0 into 1.
        String jar = Files.createFile(directory.resolve("lab.jar")).toString();
        String classes = Files.createDirectories(directory.resolve("classes")).toString();
        String both = jar + File.pathSeparator + classes;
        assertThat(StartupArchive.options(StartupArchive.Kind.CDS, "test-child", both)).isEmpty();
        assertThat(StartupArchive.options(StartupArchive.Kind.AOT, "test-child", both)).isEmpty();
        assertThat(StartupArchive.options(StartupArchive.Kind.NONE, "test-child", both)).hasValue(List.of());
    }

    @Test
    void anAotCacheOnlyFromJdk25AndNoXshareOptionBesideIt(@TempDir Path directory) throws Exception {
        String jar = Files.createFile(directory.resolve("lab.jar")).toString();
        var aot = StartupArchive.options(StartupArchive.Kind.AOT, "test-child", jar);
        if (Runtime.version().feature() < 25) {
            assertThat(aot).isEmpty();
            return;
        }
        assertThat(aot).hasValueSatisfying(options -> assertThat(options).anySatisfy(option -> assertThat(option)
                .matches("-XX:AOTCache(Output)?=.*test-child-.*\\.aot")));
        // JDK 25's AOT cache refuses any -Xshare option beside it: a child's command has none.
        List<String> command = ChildJvm.builder(StartupArchiveTest.class).jvmOptions(aot.get().toArray(String[]::new)).command();
        assertThat(command).noneMatch(option -> option.startsWith("-Xshare"));
    }
}
