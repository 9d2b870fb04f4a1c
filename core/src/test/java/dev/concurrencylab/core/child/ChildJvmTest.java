package dev.concurrencylab.core.child;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.testing.Await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Execution(ExecutionMode.CONCURRENT) // two at a time: each test waits on child JVMs of its own, none on a clock of the others
class ChildJvmTest {

    private static final Duration START = Timeouts.seconds(30);

    @Test
    void saysReadyAnswersAndExitsWithItsCode() {
        try (ChildJvm child = ChildJvm.builder(TestChildren.Echo.class).arguments("hello", "3").start()) {
            child.awaitReady(START);
            assertThat(child.awaitLine(line -> line.startsWith("echo "), START, "echo")).isEqualTo("echo hello");
            assertThat(child.waitFor(START)).isEqualTo(3);
            assertThat(child.stdoutLines()).containsExactly(ChildJvm.READY_LINE, "echo hello");
        }
    }

    @Test
    void aChildRunsInTheWorkingDirectoryItIsGiven(@TempDir Path directory) throws IOException {
        try (ChildJvm child = ChildJvm.builder(TestChildren.WhereAmI.class).workingDirectory(directory).start()) {
            child.awaitReady(START);
            assertThat(Path.of(child.awaitValue("directory ", START, "name its directory")).toRealPath())
                    .isEqualTo(directory.toRealPath());
        }
    }

    @Test
    void aChildThatNeverSaysReadyIsReportedAndDestroyed() {
        ChildJvm child = ChildJvm.builder(TestChildren.Silent.class).start();
        try (child) {
            assertThatThrownBy(() -> child.awaitReady(Duration.ofMillis(500)))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("did not say ready within");
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void aChildThatDiesBeforeReadyIsReportedWithItsStderr() {
        try (ChildJvm child = ChildJvm.builder(TestChildren.Crash.class).start()) {
            assertThatThrownBy(() -> child.awaitReady(START))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("exited with code 1 before it would say ready")
                    .hasMessageContaining("IllegalStateException: broken on purpose");
        }
    }

    @Test
    void theWatchdogKillsAChildThatRunsPastItsTimeout() {
        try (ChildJvm child = ChildJvm.builder(TestChildren.Forever.class)
                .timeout(Duration.ofMillis(1500)).start()) {
            child.awaitReady(START);
            int code = child.waitFor(START);
            assertThat(child.timedOut()).isTrue();
            assertThat(code).isNotZero();
        }
    }

    @Test
    void closeDestroysTheChildAndItsDescendants() {
        ProcessHandle grandchild;
        ChildJvm child = ChildJvm.builder(TestChildren.Parent.class).start();
        try (child) {
            child.awaitReady(START);
            long pid = Long.parseLong(child.awaitValue("grandchild ", START, "name its grandchild"));
            grandchild = ProcessHandle.of(pid).orElseThrow();
            assertThat(grandchild.isAlive()).isTrue();
        }
        assertThat(child.isAlive()).isFalse();
        assertThat(grandchild.isAlive()).isFalse();
    }

    @Test
    void aChildWhoseParentIsKilledOutrightExitsByItself() {
        ProcessHandle grandchild;
        try (ChildJvm child = ChildJvm.builder(TestChildren.Parent.class).start()) {
            child.awaitReady(START);
            long pid = Long.parseLong(child.awaitValue("grandchild ", START, "name its grandchild"));
            grandchild = ProcessHandle.of(pid).orElseThrow();
            child.handle().destroyForcibly(); // only the parent: no shutdown hook of it runs
            Await.until("the orphaned grandchild to exit", () -> !grandchild.isAlive());
        }
    }

    @Test
    void aChildWhoseParentIsKilledOutrightEndsItsOwnDescendantsTooNotJustItself() {
        assumeFalse(Executables.WINDOWS, "uses the sleep program");
        long sleeper = -1;
        try (ChildJvm middle = ChildJvm.builder(TestChildren.MiddleOfThree.class).start()) {
            middle.awaitReady(START);
            sleeper = Long.parseLong(middle.awaitValue("sleeper ", START, "name the sleeper"));
            ProcessHandle sleeping = ProcessHandle.of(sleeper).orElseThrow();
            middle.handle().destroyForcibly(); // kill -9: no hook of the middle JVM runs
            Await.until("the sleeper, a grandchild that is no JVM, to be ended", () -> !sleeping.isAlive());
        } finally {
            ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly); // only if the test failed
        }
    }

    /**
     * Parent and grandparent of a sleeper killed together: neither's cleanup runs, and the
     * sleeper, adopted by init, is nobody's descendant any more. It was started in the group the
     * child of this JVM leads, and that group is killed once its leader is gone.
     */
    @Test
    void aGrandchildDoesNotOutliveItsParentAndGrandparentKilledTogether() {
        assumeTrue(ProcessGroups.childrenLeadGroups(), "children lead process groups of their own only on Linux, with setsid");
        long sleeper = -1;
        try (ChildJvm middle = ChildJvm.builder(TestChildren.MiddleOfThree.class).start()) {
            middle.awaitReady(START);
            sleeper = Long.parseLong(middle.awaitValue("sleeper ", START, "name the sleeper"));
            ProcessHandle sleeping = ProcessHandle.of(sleeper).orElseThrow();
            ProcessHandle parent = sleeping.parent().orElseThrow();
            assertThat(parent.pid()).as("the sleeper's parent").isNotEqualTo(middle.pid());
            parent.destroyForcibly(); // kill -9 of the sleeper's parent, then of its grandparent
            middle.handle().destroyForcibly();
            Await.until("the sleeper, whose parent and grandparent were killed, to be ended", () -> !sleeping.isAlive());
        } finally {
            ProcessHandle.of(sleeper).ifPresent(ProcessHandle::destroyForcibly); // only if the test failed
        }
    }

    @Test
    void aChildThatClosesItsStdoutBeforeReadyIsDestroyedAndSaysSo() {
        ChildJvm child = ChildJvm.builder(TestChildren.ClosesStdout.class).name("closes-stdout").start();
        try (child) {
            assertThatThrownBy(() -> child.awaitReady(START))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("closed its stdout without exiting before it would say ready; destroyed");
            assertThat(child.isAlive()).as("the child after the failed wait").isFalse();
        }
    }

    @Test
    void aChildThatFloodsOneLineIsAnErrorThatNamesItNotAnOutOfMemoryError() {
        ChildJvm child = ChildJvm.builder(TestChildren.FloodsOneLine.class).name("flood").start();
        try (child) {
            assertThatThrownBy(() -> child.awaitReady(START))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("child JVM 'flood'")
                    .hasMessageContaining("printed a line of more than " + ChildStreams.MAX_LINE_CHARS + " characters");
            assertThat(child.isAlive()).isFalse();
        }
    }

    @Test
    void linesAreCutAtTheLimitAndTheRestOfALongLineIsSkipped() throws IOException {
        List<String> got = new ArrayList<>();
        ChildStreams.readLines(new StringReader("ab\r\nabcdefgh\nxyz\nlast"), 4,
                (line, cut) -> got.add(line + (cut ? "|cut" : "")));
        assertThat(got).containsExactly("ab", "abcd|cut", "xyz", "last");
    }

    @Test
    void aMissingMainClassIsAClearError() {
        try (ChildJvm child = ChildJvm.builder(ChildJvmTest.class).classPath("does-not-exist").start()) {
            assertThatThrownBy(() -> child.awaitReady(START))
                    .isInstanceOf(ChildJvmException.class)
                    .hasMessageContaining("exited with code 1")
                    .hasMessageContaining("ClassNotFoundException");
        }
    }
}
