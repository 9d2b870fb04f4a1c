package dev.concurrencylab.ipc;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fresh temporary directory that only its owner can enter (mode 700 where the file system has
 * POSIX permissions; on Windows the user's temp folder is already private), deleted with its
 * contents on {@link #close()}. Sockets and shared files live in one, so that other users of the
 * machine can neither connect to them nor map them.
 */
public final class PrivateDirectory implements AutoCloseable {

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** Creates {@code concurrency-lab-<purpose>-<random>} under the system temp directory. */
    public static PrivateDirectory create(String purpose) throws IOException {
        String prefix = "concurrency-lab-" + purpose + "-";
        Path path = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(prefix);
        return new PrivateDirectory(path);
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it; a file already gone is not an error. */
    @Override
    public void close() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(path)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path entry : all) {
            Files.deleteIfExists(entry);
        }
    }
}
