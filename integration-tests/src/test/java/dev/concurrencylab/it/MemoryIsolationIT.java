package dev.concurrencylab.it;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildSide;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.ipc.SharedMemory;
import dev.concurrencylab.process.MemoryIsolationLesson;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static dev.concurrencylab.core.testing.LessonChecks.assertKeepsItsPromises;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Memory isolation across real processes: a thread's appends land in the parent's list, a child
 * JVM's land in its own copy; and the one deliberate exception, shared memory, where the parent
 * reads what the child wrote.
 */
class MemoryIsolationIT {

    private static final long[] CUBES = {8, 64, 512, 729};

    /** Stands for the notebook's global cube_result: the child JVM appends to its own. */
    static final List<Long> CUBE_RESULT = new ArrayList<>();

    @Test
    void aThreadWritesTheParentsListAChildJvmOnlyItsOwn() throws Exception {
        MemoryIsolationLesson lesson = new MemoryIsolationLesson();
        Observations seen = lesson.run(LessonContext.silent(true));
        assertKeepsItsPromises(lesson, seen);
        assertThat(seen.get("after_thread")).isEqualTo(List.of(4L, 16L, 64L, 81L));
        assertThat(seen.get("child_saw")).isEqualTo(List.of(8L, 64L, 512L, 729L));
        assertThat(seen.get("after_process")).as("the parent's list after the child JVM").isEqualTo(List.of());
    }

    @Test
    void sharedMemoryIsTheExplicitExceptionAndIsGoneAfterClose() throws Exception {
        Path file;
        try (SharedMemory shared = SharedMemory.create(CUBES.length)) {
            file = shared.file();
            assertOwnerOnly(file);
            try (ChildJvm child = ChildJvm.builder(CubesIntoSharedMemory.class).name("cubes-shared")
                    .arguments(file.toString()).timeout(Timeouts.seconds(120)).start()) {
                assertThat(child.waitFor(Timeouts.seconds(60))).as("child exit code; stderr: %s", child.stderr()).isZero();
            }
            for (int i = 0; i < CUBES.length; i++) {
                assertThat(shared.getVolatile(i)).as("slot %d, written by the child JVM", i).isEqualTo(CUBES[i]);
            }
            assertThat(CUBE_RESULT).as("the parent's own list: the child's list appends never reach it").isEmpty();
        }
        assertThat(file).as("the shared file after close").doesNotExist();
        assertThat(file.getParent()).as("its private directory after close").doesNotExist();
    }

    private static void assertOwnerOnly(Path file) throws IOException {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
            return; // Windows: the directory is created with an owner-only ACL, not POSIX bits
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    /** Child JVM: appends to its own list, and writes the same cubes into the shared memory. */
    static final class CubesIntoSharedMemory {
        public static void main(String[] args) throws IOException {
            ChildSide.exitWhenParentDies();
            try (SharedMemory shared = SharedMemory.attach(Path.of(args[0]))) {
                for (int i = 0; i < CUBES.length; i++) {
                    CUBE_RESULT.add(CUBES[i]);
                    shared.getAndAdd(i, CUBES[i]);
                }
            }
        }
    }
}
