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
 * machine can neither connect to them nor map them; files made by {@link #createOwnerOnlyFile} are
 * owner-only themselves, so that moving one out of the directory would not expose it.
 */
public final class PrivateDirectory implements AutoCloseable {

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** Creates {@code concurrency-lab-<purpose>-<random>} under the system temp directory. */
    public static PrivateDirectory create(String purpose) throws IOException {
        String prefix = "concurrency-lab-" + purpose + "-";
        Path path = posix()
                ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(prefix);
        return new PrivateDirectory(path);
    }

    public Path path() {
        return path;
    }

    /** Creates an empty file in the directory that only its owner can read or write (mode 600). */
    public Path createOwnerOnlyFile(String name) throws IOException {
        Path file = path.resolve(name);
        return posix()
                ? Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createFile(file);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
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
