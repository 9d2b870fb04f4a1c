package dev.concurrencylab.core.child;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The options a child JVM gets for each kind of start-up archive, and what ChildJvm does with them. */
class StartupArchiveTest {

    @Test
    void cdsNamesAnArchivePerJdkAndKeepsTheJvmsLogOffStdout() {
        List<String> cds = StartupArchive.options(StartupArchive.Kind.CDS, "test-child").orElseThrow();
        assertThat(cds).contains("-XX:+AutoCreateSharedArchive", "-Xlog:disable", "-Xlog:all=warning:stderr")
                .anySatisfy(option -> assertThat(option).startsWith("-XX:SharedArchiveFile=").contains("concurrency-lab")
                        .contains("test-child-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + "-").endsWith(".jsa"));
        assertThat(StartupArchive.options(StartupArchive.Kind.NONE, "test-child")).hasValue(List.of());
    }

    @Test
    void anAotCacheOnlyFromJdk25AndNoXshareOptionBesideIt() {
        var aot = StartupArchive.options(StartupArchive.Kind.AOT, "test-child");
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
