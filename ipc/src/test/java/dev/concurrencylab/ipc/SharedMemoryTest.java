package dev.concurrencylab.ipc;

import dev.concurrencylab.core.testing.TestThreads;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedMemoryTest {

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    @Test
    void twoMappingsOfTheSameFileSeeEachOthersWrites() throws IOException {
        try (SharedMemory created = SharedMemory.create(4); SharedMemory attached = SharedMemory.attach(created.file())) {
            created.set(2, 42);
            assertThat(attached.get(2)).isEqualTo(42);
            attached.getAndAdd(2, 8);
            assertThat(created.getVolatile(2)).isEqualTo(50);
            assertThat(attached.length()).isEqualTo(4);
        }
    }

    @Test
    void atomicAndLockedIncrementsFromManyThreadsThroughTwoMappingsAreExact() throws Throwable {
        int perThread = 100_000;
        try (SharedMemory a = SharedMemory.create(3); SharedMemory b = SharedMemory.attach(a.file())) {
            for (SharedMemory mapping : new SharedMemory[] {a, b, a, b}) {
                threads.start("incrementer", () -> {
                    for (int i = 0; i < perThread; i++) {
                        mapping.getAndAdd(0, 1);
                        mapping.withLock(2, () -> mapping.set(1, mapping.get(1) + 1));
                    }
                });
            }
            threads.joinAll();
            assertThat(a.getVolatile(0)).isEqualTo(4L * perThread);
            assertThat(a.getVolatile(1)).isEqualTo(4L * perThread);
            assertThat(a.getVolatile(2)).as("the lock is free again").isZero();
        }
    }

    @Test
    void theFileIsOwnerOnlyAndGoneAfterClose() throws IOException {
        Path file;
        try (SharedMemory memory = SharedMemory.create(1)) {
            file = memory.file();
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }
        }
        assertThat(file).doesNotExist();
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void badIndexesAndBadFilesAreClearErrors() throws IOException {
        try (SharedMemory memory = SharedMemory.create(2); PrivateDirectory directory = PrivateDirectory.create("test")) {
            assertThatThrownBy(() -> memory.get(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("of 2");
            Path odd = Files.write(directory.path().resolve("odd"), new byte[7]);
            assertThatThrownBy(() -> SharedMemory.attach(odd)).hasMessageContaining("not a shared long array");
        }
    }
}
