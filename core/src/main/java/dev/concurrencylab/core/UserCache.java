package dev.concurrencylab.core;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the lab keeps what outlives a build and is costly to make again (start-up archives of
 * child JVMs, the explorer's instrumented JDK): {@code $XDG_CACHE_HOME/concurrency-lab}, or
 * {@code ~/.cache/concurrency-lab}, readable by its owner only. Each entry is named by what it
 * was made from, so a new JDK or library version makes a new one; deleting the folder is safe.
 */
public final class UserCache {

    private UserCache() {}

    /** The folder, made owner-only if it did not exist. */
    public static Path directory() throws IOException {
        String base = System.getenv("XDG_CACHE_HOME");
        Path directory = (base == null || base.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(base))
                .resolve("concurrency-lab");
        if (!Files.isDirectory(directory)) {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(directory);
            }
        }
        return directory;
    }
}
