package dev.concurrencylab.ipc;

import dev.concurrencylab.core.lesson.NewerJdkPart;
import dev.concurrencylab.core.testing.TestThreads;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The FFM mapping of the shared longs (src/main/java22), where the build's toolchain compiled it;
 * elsewhere, that it says why it is missing (and the rest is skipped, with the reason).
 */
class MappedSegmentLongsTest {

    static final int TOOLCHAIN = Integer.getInteger("concurrencylab.toolchain.feature", -1);

    @RegisterExtension
    final TestThreads threads = new TestThreads();

    private NewerJdkPart<SharedLongs.Mapper> segments;

    @BeforeEach
    void load() {
        assertThat(TOOLCHAIN).as("the build passes its toolchain's release (concurrencylab.toolchain.feature)").isPositive();
        segments = NewerJdkPart.fromJdk22(SharedLongs.Mapper.class, "dev.concurrencylab.ipc.jdk22.MappedSegmentLongs");
    }

    @Test
    void isInTheBuildExactlyWhenTheToolchainIsJdk22OrNewer() {
        if (TOOLCHAIN >= 22) {
            assertThat(segments.unavailable()).isEmpty();
        } else {
            assertThat(segments.unavailable()).hasValueSatisfying(why -> assertThat(why)
                    .startsWith("not in this build").contains("src/main/java22"));
        }
    }

    /** Reported as skipped, with the reason, on a build without the FFM part; the test above holds that case. */
    private static void assumeFfmBuilt() {
        assumeTrue(TOOLCHAIN >= 22, "the toolchain is JDK " + TOOLCHAIN + ": src/main/java22 was not compiled");
    }

    @Test
    void aSegmentAndABufferMappingOfOneFileSeeEachOthersWritesAndAtomicsAreExact() throws Throwable {
        assumeFfmBuilt();
        int perThread = 100_000;
        try (SharedMemory buffer = SharedMemory.create(3); SharedLongs segment = segments.get().orElseThrow().attach(buffer.file())) {
            buffer.set(2, 42);
            assertThat(segment.get(2)).isEqualTo(42);
            segment.set(2, 0);
            for (SharedLongs mapping : new SharedLongs[] {buffer, segment, buffer, segment}) {
                threads.start("incrementer", () -> {
                    for (int i = 0; i < perThread; i++) {
                        mapping.getAndAdd(0, 1);
                        mapping.withLock(2, () -> mapping.set(1, mapping.get(1) + 1));
                    }
                });
            }
            threads.joinAll();
            assertThat(segment.getVolatile(0)).isEqualTo(4L * perThread);
            assertThat(buffer.getVolatile(1)).isEqualTo(4L * perThread);
            assertThat(segment.getVolatile(2)).as("the lock is free again").isZero();
        }
    }

    @Test
    void closingUnmapsAtOnceAndALaterAccessIsRefused() throws IOException {
        assumeFfmBuilt();
        try (SharedMemory buffer = SharedMemory.create(1)) {
            SharedLongs segment = segments.get().orElseThrow().attach(buffer.file());
            segment.set(0, 7);
            segment.close();
            assertThatThrownBy(() -> segment.get(0)).isInstanceOf(IllegalStateException.class);
            assertThat(buffer.getVolatile(0)).as("the data stays in the file's pages").isEqualTo(7);
            assertThatThrownBy(() -> segment.get(1)).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void badIndexesAndBadFilesAreClearErrors() throws IOException {
        assumeFfmBuilt();
        try (SharedMemory buffer = SharedMemory.create(2); PrivateDirectory directory = PrivateDirectory.create("test");
             SharedLongs segment = segments.get().orElseThrow().attach(buffer.file())) {
            assertThatThrownBy(() -> segment.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
            Path odd = Files.write(directory.path().resolve("odd"), new byte[7]);
            assertThatThrownBy(() -> segments.get().orElseThrow().attach(odd)).hasMessageContaining("not a shared long array");
        }
    }
}
