package dev.concurrencylab.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A script shipped as a class-path resource (the Python a lesson runs beside Java), copied to an
 * owner-only temporary file for an interpreter to run, and deleted on {@link #close()}.
 */
public final class ScriptFile implements AutoCloseable {

    private final Path path;

    private ScriptFile(Path path) {
        this.path = path;
    }

    /** The resource {@code name} next to {@code owner}'s class file, as a file with the same ending. */
    public static ScriptFile copy(Class<?> owner, String name) throws IOException {
        String ending = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
        Path path = Files.createTempFile("concurrency-lab-" + name.replace(ending, "") + "-", ending); // 600 on POSIX
        try (InputStream source = owner.getResourceAsStream(name)) {
            if (source == null) {
                throw new IOException(name + " is missing from the class path beside " + owner.getName());
            }
            Files.write(path, source.readAllBytes());
            return new ScriptFile(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
