package dev.concurrencylab.ipc;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class PrivateDirectoryTest {

    /** Creates a private directory, names it, and waits to be ended. */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            ChildSide.exitWhenParentDies();
            PrivateDirectory directory = PrivateDirectory.create("holder");
            directory.createOwnerOnlyFile("data");
            ChildSide.sayReady();
            System.out.println("directory " + directory.path());
            Thread.sleep(Timeouts.seconds(120).toMillis());
        }
    }

    @Test
    void theNameCarriesTheOwnersPidAndCloseRemovesIt() throws IOException {
        Path path;
        try (PrivateDirectory directory = PrivateDirectory.create("test")) {
            path = directory.path();
            assertThat(path.getFileName().toString()).startsWith("concurrency-lab-test-p" + ProcessHandle.current().pid() + "-");
        }
        assertThat(path).doesNotExist();
    }

    @Test
    void theSweepRemovesOnlyDirectoriesWhoseOwnerIsDead(@TempDir Path temp) throws Exception {
        Process finished = new ProcessBuilder(Executables.WINDOWS ? "cmd" : "true").start();
        assertThat(finished.waitFor(Timeouts.seconds(30).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        long dead = finished.pid();
        Path orphan = Files.createDirectories(temp.resolve("concurrency-lab-shm-p" + dead + "-123"));
        Files.writeString(orphan.resolve("shared"), "left by a kill -9");
        Path alive = Files.createDirectories(temp.resolve("concurrency-lab-socket-p" + ProcessHandle.current().pid() + "-456"));
        Path oldStyle = Files.createDirectories(temp.resolve("concurrency-lab-socket-789"));
        Path other = Files.createDirectories(temp.resolve("someone-else-p" + dead + "-1"));

        assertThat(PrivateDirectory.sweepDeadOwners(temp)).isEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(alive).exists();
        assertThat(oldStyle).exists();
        assertThat(other).exists();
    }

    @Test
    void aSigtermedOwnerLeavesNoDirectoryBehind() throws Exception {
        assumeFalse(Executables.WINDOWS, "Windows has no SIGTERM: destroy() is forcible there");
        Path directory;
        try (ChildJvm child = ChildJvm.builder(Holder.class).name("holder").start()) {
            child.awaitReady(Timeouts.seconds(60));
            directory = Path.of(child.awaitValue("directory ", Timeouts.seconds(60), "name its directory"));
            assertThat(directory.resolve("data")).exists();
            child.handle().destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertThat(child.handle().onExit().get(Timeouts.seconds(30).toNanos(), TimeUnit.NANOSECONDS).isAlive()).isFalse();
        }
        assertThat(directory).doesNotExist();
    }
}
