package dev.concurrencylab.lab;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.testing.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.concurrencylab.lab.JarLauncher.JAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A reader stops a lesson with SIGTERM (or Ctrl-C) while it runs: no process of the run and none
 * of its private directories (sockets, shared memory) may be left behind.
 */
class SigtermIT {

    /** The project's private directories carry their owner's pid: {@code concurrency-lab-<purpose>-p<pid>-<random>}. */
    private static final Pattern OWNED = Pattern.compile("concurrency-lab-[a-z0-9-]+?-p(\\d+)-\\d+");
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    @ParameterizedTest
    @ValueSource(strings = {"socket-queue", "shared-memory", "process-queue", "ipc-throughput", "shm-queue"})
    void aLessonStoppedMidRunLeavesNoDirectoryAndNoProcess(String id) throws Exception {
        assumeFalse(Executables.WINDOWS, "Windows has no SIGTERM: destroy() is forcible there");
        try (ChildJvm lab = ChildJvm.builder(ConcurrencyLab.class).classPath(JAR.toString())
                .name("concurrency-lab run " + id).arguments("run", id).start()) {
            // Mid-run: its directory exists and its first child process has started.
            Await.until(id + " to create a private directory and start a child",
                    () -> !directoriesOf(pids(family(lab))).isEmpty() && lab.handle().descendants().findAny().isPresent());
            List<ProcessHandle> family = family(lab); // the lesson's JVM and every process it started so far
            Set<Long> pids = pids(family);
            lab.handle().destroy(); // SIGTERM
            assertThat(lab.handle().onExit().get(Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS).isAlive()).isFalse();
            Await.until("every process of the run to end", () -> family.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(directoriesOf(pids)).as("directories of pids " + pids).isEmpty();
        }
    }

    @Test
    void aClusterLessonStoppedMidRunLeavesNoMember() throws Exception {
        assumeFalse(Executables.WINDOWS, "Windows has no SIGTERM: destroy() is forcible there");
        try (ChildJvm lab = ChildJvm.builder(ConcurrencyLab.class).classPath(JAR.toString())
                .name("concurrency-lab run member-failure").arguments("run", "member-failure").start()) {
            // Mid-run: the first members have started.
            Await.until("member-failure to start two members", () -> lab.handle().descendants().count() >= 2);
            List<ProcessHandle> family = family(lab);
            lab.handle().destroy(); // SIGTERM
            assertThat(lab.handle().onExit().get(Timeouts.seconds(60).toNanos(), TimeUnit.NANOSECONDS).isAlive()).isFalse();
            Await.until("every member of the run to end", () -> family.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    private static List<ProcessHandle> family(ChildJvm lab) {
        return Stream.concat(Stream.of(lab.handle()), lab.handle().descendants()).toList();
    }

    private static Set<Long> pids(List<ProcessHandle> family) {
        return family.stream().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<Path> directoriesOf(Set<Long> pids) {
        try (Stream<Path> entries = Files.list(TEMP)) {
            return entries.filter(entry -> {
                Matcher owned = OWNED.matcher(entry.getFileName().toString());
                return owned.matches() && pids.contains(Long.parseLong(owned.group(1)));
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
