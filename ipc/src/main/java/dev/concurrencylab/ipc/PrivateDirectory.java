package dev.concurrencylab.ipc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A fresh temporary directory that only its owner can enter (mode 700 where the file system has
 * POSIX permissions; on Windows the user's temp folder is already private), deleted with its
 * contents on {@link #close()}. Sockets and shared files live in one, so that other users of the
 * machine can neither connect to them nor map them; files made by {@link #createOwnerOnlyFile} are
 * owner-only themselves, so that moving one out of the directory would not expose it.
 *
 * <h2>Who removes it</h2>
 * Its owner, on {@link #close()}; or, if the owner exits without closing it (it returns from
 * {@code main}, calls {@code System.exit}, gets SIGTERM or Ctrl-C), a shutdown hook. Only
 * {@code kill -9} (or a crash) leaves one behind: its name carries the owner's pid, and the next
 * time any process of the project creates a directory (as the same user), it removes those whose
 * owner is no longer alive, as Python's {@code resource_tracker} cleans up after dead processes.
 * A directory whose pid now belongs to another live process is left until that one ends.
 */
public final class PrivateDirectory implements AutoCloseable {

    private static final String PREFIX = "concurrency-lab-";
    /** {@code concurrency-lab-<purpose>-p<pid>-<random>}: the owner's pid is the only p-number in the name. */
    private static final Pattern OWNED = Pattern.compile("concurrency-lab-[a-z0-9-]+?-p(\\d+)-\\d+");
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static volatile boolean exiting;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            exiting = true;
            // The owner's threads run on while hooks run: a file made during the first pass fails it, not the second.
            for (int pass = 0; pass < 3 && !OPEN.isEmpty(); pass++) {
                OPEN.removeIf(PrivateDirectory::deleteQuietly);
            }
        }, "private-directory-cleanup"));
    }

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    /** Creates {@code concurrency-lab-<purpose>-p<pid>-<random>} under the system temp directory. */
    public static PrivateDirectory create(String purpose) throws IOException {
        if (SWEPT.compareAndSet(false, true)) {
            sweepDeadOwners(Path.of(System.getProperty("java.io.tmpdir")));
        }
        String prefix = PREFIX + purpose + "-p" + ProcessHandle.current().pid() + "-";
        Path path = posix()
                ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(prefix);
        OPEN.add(path);
        if (exiting) {
            // Made while the hook ran: it may have looked at OPEN before the add, so remove it here.
            deleteQuietly(path);
            OPEN.remove(path);
            throw new IOException("this JVM is exiting: no new private directory");
        }
        return new PrivateDirectory(path);
    }

    /**
     * Removes the project's directories in {@code temp} whose owner process is gone; returns how
     * many. Directories of live processes, of other users, and of other names are left alone.
     */
    static int sweepDeadOwners(Path temp) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path entry : entries) {
                Matcher owned = OWNED.matcher(entry.getFileName().toString());
                if (owned.matches() && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        && ProcessHandle.of(Long.parseLong(owned.group(1))).filter(ProcessHandle::isAlive).isEmpty()
                        && deleteQuietly(entry)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nothing to sweep, or not allowed to look: the sweep is a courtesy, not a duty.
        }
        return removed;
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
        try {
            delete(path);
        } finally {
            OPEN.remove(path);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(directory)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path entry : all) {
            Files.deleteIfExists(entry);
        }
    }

    private static boolean deleteQuietly(Path directory) {
        try {
            delete(directory);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
