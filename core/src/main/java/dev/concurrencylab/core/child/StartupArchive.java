package dev.concurrencylab.core.child;

import dev.concurrencylab.core.UserCache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An archive of the classes a child JVM loads at start-up, so that the next child of the same
 * class path on the same JDK maps them instead of loading, verifying and linking them again:
 * a dynamic class-data-sharing archive (AppCDS, any JDK 19+: {@code -XX:+AutoCreateSharedArchive})
 * or JDK 25's ahead-of-time cache ({@code -XX:AOTCache}, which also keeps linked classes and
 * profiles). The first child with an archive that does not exist yet creates it as it exits.
 *
 * <p>Archives live in {@code $XDG_CACHE_HOME/concurrency-lab} or {@code ~/.cache/concurrency-lab}
 * (owner-only), named by the JDK's exact version and a hash of the class path with the size and
 * time of every jar on it: the JVM will not use an archive made for other jars (here a rebuilt
 * launcher jar, once, went on starting as slowly as with none, and was never rewritten), so a
 * new build gets a new archive, and the archives of earlier builds of the same name and JDK are
 * deleted when it is made. Archives are made from jar files only: with a non-empty directory on
 * the class path (a build's {@code target/classes}) the JVM refuses to write one, and a child that
 * exits with code 0 exits with 1 instead ("Cannot have non-empty directory in paths", JDK 25, CDS
 * and AOT alike). So no archive is offered for such a class path: its children start plain.
 */
public final class StartupArchive {

    /** The kinds of archive. */
    public enum Kind {
        /** No archive of the application's classes (the JDK's own default CDS archive still applies). */
        NONE,
        /** A dynamic AppCDS archive. */
        CDS,
        /** JDK 25's AOT cache. */
        AOT
    }

    /**
     * The JVM options for a child of this JVM's class path with an archive of {@code kind},
     * named {@code name}: empty when this JDK cannot have one (AOT before JDK 25), the class path
     * is not jars alone, or the cache directory cannot be made. The options also keep the JVM's
     * own log lines off stdout.
     */
    public static Optional<List<String>> options(Kind kind, String name) {
        return options(kind, name, System.getProperty("java.class.path"));
    }

    static Optional<List<String>> options(Kind kind, String name, String classPath) {
        if (kind == Kind.NONE) {
            return Optional.of(List.of());
        }
        if (kind == Kind.AOT && Runtime.version().feature() < 25 || !isJarsOnly(classPath)) {
            return Optional.empty();
        }
        Optional<Path> file = file(kind, name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String path = file.get().toString();
        // Unified logging writes to stdout, which carries a child's answers: its warnings go to stderr
        // instead, which a parent may show, less the archive's own (classes it skips while dumping).
        List<String> quiet = List.of("-Xlog:disable", "-Xlog:all=warning,cds=off:stderr");
        return Optional.of(switch (kind) {
            case CDS -> concat(quiet, "-XX:SharedArchiveFile=" + path, "-XX:+AutoCreateSharedArchive");
            case AOT -> concat(quiet, Files.isRegularFile(file.get()) ? "-XX:AOTCache=" + path : "-XX:AOTCacheOutput=" + path);
            case NONE -> List.of();
        });
    }

    /** Whether the archive of {@code kind} named {@code name} exists for this JDK and class path. */
    public static boolean exists(Kind kind, String name) {
        return file(kind, name).filter(Files::isRegularFile).isPresent();
    }

    /** Whether this JVM's children can have an archive: only when the class path holds jars alone. */
    public static boolean classPathIsJarsOnly() {
        return isJarsOnly(System.getProperty("java.class.path"));
    }

    private static boolean isJarsOnly(String classPath) {
        return List.of(classPath.split(java.io.File.pathSeparator)).stream()
                .allMatch(entry -> entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry)));
    }

    private static List<String> concat(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toList();
    }

    private static Optional<Path> file(Kind kind, String name) {
        try {
            Path directory = UserCache.directory();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder key = new StringBuilder(System.getProperty("java.home"));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path path = Path.of(entry);
                key.append('\n').append(entry);
                if (Files.isRegularFile(path)) {
                    key.append(' ').append(Files.size(path)).append(' ').append(Files.getLastModifiedTime(path).toMillis());
                }
            }
            sha.update(key.toString().getBytes(StandardCharsets.UTF_8));
            String prefix = name + "-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.]", "_") + "-";
            String suffix = kind == Kind.AOT ? ".aot" : ".jsa";
            Path file = directory.resolve(prefix + HexFormat.of().formatHex(sha.digest()).substring(0, 16) + suffix);
            if (!Files.exists(file)) { // a new build: the archives of the earlier ones are of no use to anyone
                try (var earlier = Files.list(directory)) {
                    for (Path stale : earlier.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().matches(".*\\" + suffix + "(\\.config)?")).toList()) { // .config: a training cut short
                        Files.deleteIfExists(stale);
                    }
                }
            }
            return Optional.of(file);
        } catch (IOException | NoSuchAlgorithmException | SecurityException e) {
            return Optional.empty(); // no cache directory: children start without an archive, a little slower
        }
    }

    private StartupArchive() {}
}
