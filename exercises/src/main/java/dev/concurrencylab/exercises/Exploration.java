package dev.concurrencylab.exercises;

import dev.concurrencylab.core.Executables;
import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.UserCache;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.child.ChildJvmBuilder;
import dev.concurrencylab.core.child.ChildJvmException;
import dev.concurrencylab.ipc.PrivateDirectory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The explored checks: a thread exercise's scenario run under Fray, a controlled scheduler, which
 * tries its interleavings one by one (the same ones, in the same order, on every run) and stops at
 * the first that fails. It runs in a JVM of its own, started from the exercises-explorer module's
 * build ({@code exercises-explorer/target/explorer}): Fray's libraries, its Java agent, its native
 * JVMTI agent, and a copy of a JDK 25 that Fray instruments (made with {@code jlink} the first
 * time, and kept in the user's cache). None of that is on the launcher's class path.
 *
 * <p>Where it cannot run (no JDK 25 on the machine, no native agent for the platform, the module
 * not built), the grade says so and why, and the forced checks grade alone.
 */
public final class Exploration {

    /** Where the explorer's build lies, when not beside this class's build. */
    public static final String HOME_PROPERTY = "concurrencylab.explorer.home";

    /** A JDK 25 to instrument, when none is found where JDKs are usually installed. */
    public static final String JDK_ENVIRONMENT = "CONCURRENCYLAB_FRAY_JDK";

    /** The exercises with explored checks: those {@code Scenarios.of} in exercises-explorer has scenarios for. */
    private static final Set<String> EXPLORED = Set.of("01", "02", "03", "04", "05", "06", "07");

    /** The JDK Fray 0.9 instruments: its jlink plugin is written against this release. */
    private static final String JDK_RELEASE = "25";

    private static final String EXPLORER = "dev.concurrencylab.explorer.Explorer";
    private static final String ANSWER = "explored";

    private Exploration() {}

    /** One explored check, as the explorer's JVM reported it. */
    public record Explored(int scenario, String name, int failingSchedule, String failure, List<String> waiting,
                           List<String> trace) {

        public boolean passed() {
            return failingSchedule == 0;
        }

        /** The argument of {@code check NN --replay} that runs the failing schedule again. */
        public String replay() {
            return scenario + ":" + failingSchedule;
        }
    }

    /** Set to true where a grade without the explored checks is no grade (CI, a classroom's workflow). */
    public static final String REQUIRED_ENVIRONMENT = "CONCURRENCYLAB_REQUIRE_EXPLORER";

    /** Whether the explored checks must run here: then their absence fails the grade instead of being noted. */
    public static boolean required() {
        return "true".equals(System.getenv(REQUIRED_ENVIRONMENT));
    }

    /** Whether exercise {@code number} has explored checks. */
    public static boolean explores(Exercise exercise) {
        return EXPLORED.contains(exercise.number());
    }

    /** Why the explored checks cannot run here; empty when they can. */
    public static Optional<String> unavailable() {
        try {
            Layout.find().jdkToInstrument();
            return Optional.empty();
        } catch (Unavailable e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Explores the scenarios of {@code exercise} with {@code implementation}; with a replay handle
     * ({@code S:N}), runs schedule N of scenario S alone.
     *
     * @throws Unavailable the explorer cannot run on this machine (the message says why)
     */
    public static List<Explored> explore(Exercise exercise, String implementation, Optional<String> replay) {
        Layout layout = Layout.find();
        Path jdk = layout.instrumentedJdk();
        PrivateDirectory reports;
        try {
            reports = PrivateDirectory.create("explorer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments = new ArrayList<>(List.of(exercise.number(), implementation, reports.path().toString()));
        replay.ifPresent(handle -> arguments.addAll(List.of("--replay", handle)));
        ChildJvmBuilder builder = ChildJvm.builder(EXPLORER).name("explorer-" + exercise.number())
                .java(jdk.resolve("bin").resolve(Executables.fileName("java")))
                .classPath(layout.classPath() + File.pathSeparator + System.getProperty("java.class.path"))
                .jvmOptions("-javaagent:" + layout.agent(), "-agentpath:" + layout.nativeAgent())
                .arguments(arguments.toArray(String[]::new))
                .timeout(BOUND);
        ChildJvm child = builder.start();
        try {
            int code = child.waitFor(BOUND);
            List<Explored> explored = child.stdoutLines().stream().filter(line -> line.startsWith(ANSWER + "\t"))
                    .map(Exploration::parse).toList();
            if (code != 0 || explored.isEmpty()) {
                throw new IllegalStateException("the explorer's JVM exited with code " + code + ": "
                        + child.stderr().strip().lines().reduce((first, last) -> last).orElse("no message"));
            }
            return explored;
        } catch (ChildJvmException e) {
            throw new IllegalStateException("the scenarios had not finished after " + BOUND.toSeconds() + " s: under some "
                    + "schedule the code under test may loop with no lock or wait in the loop, which never hands the scheduler a turn", e);
        } finally {
            child.close();
            try {
                reports.close();
            } catch (IOException e) {
                // Fray's report left in the temporary folder is no reason to fail a grade
            }
        }
    }

    /**
     * Far longer than the scenarios of an exercise take (10 s at most here, for the buffer's
     * 1 000 schedules); past it the explorer's JVM is destroyed and the check fails.
     */
    private static final Duration BOUND = Timeouts.seconds(120);

    static Explored parse(String line) {
        String[] fields = line.split("\t", -1);
        return new Explored(Integer.parseInt(fields[1]), unescape(fields[2]), Integer.parseInt(fields[3]), unescape(fields[4]),
                lines(unescape(fields[5])), lines(unescape(fields[6])));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static String unescape(String field) {
        StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char next = field.charAt(++i);
                text.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a folder left half-deleted is deleted again before the next jlink writes there
        }
    }

    /** The explorer cannot run on this machine; the message says why, in a sentence. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String why) {
            super(why);
        }
    }

    /** The explorer module's build: {@code lib/} (its jar and Fray's) and {@code native/}. */
    record Layout(Path home, List<Path> libraries, Path agent, Path nativeAgent) {

        static Layout find() {
            Path home = locate().orElseThrow(() -> new Unavailable("the exercises-explorer module is not built "
                    + "(./mvnw -pl exercises-explorer -am package builds it)"));
            List<Path> libraries;
            try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
                libraries = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
            } catch (IOException e) {
                throw new Unavailable("cannot read " + home.resolve("lib") + ": " + e.getMessage());
            }
            Path agent = libraries.stream().filter(jar -> jar.getFileName().toString().startsWith("fray-instrumentation-agent-"))
                    .findFirst().orElseThrow(() -> new Unavailable("Fray's Java agent is missing from " + home.resolve("lib")));
            Path nativeAgent;
            try (Stream<Path> files = Files.list(home.resolve("native"))) {
                nativeAgent = files.filter(file -> file.getFileName().toString().matches("(lib)?jvmti\\.(so|dylib|dll)")).findFirst()
                        .orElseThrow(() -> new Unavailable(nativeMissing()));
            } catch (IOException e) {
                throw new Unavailable(nativeMissing());
            }
            return new Layout(home, libraries, agent, nativeAgent);
        }

        private static String nativeMissing() {
            return "Fray's native agent is published for Linux x64 only as far as this build knows, and this is "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }

        private static Optional<Path> locate() {
            String configured = System.getProperty(HOME_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                return Optional.of(Path.of(configured)).filter(Files::isDirectory);
            }
            // Beside this class's build: lab/target/concurrency-lab.jar or exercises/target/classes.
            try {
                Path here = Path.of(Exploration.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                for (Path folder = here; folder != null; folder = folder.getParent()) {
                    Path candidate = folder.resolve("exercises-explorer").resolve("target").resolve("explorer");
                    if (Files.isDirectory(candidate.resolve("lib"))) {
                        return Optional.of(candidate);
                    }
                }
            } catch (URISyntaxException | SecurityException e) {
                // no code source: nothing beside it to find
            }
            return Optional.empty();
        }

        String classPath() {
            return String.join(File.pathSeparator, libraries.stream().map(Path::toString).toList());
        }

        /** The file that marks Fray's instrumented JDK as made whole. */
        private static final String MADE = "concurrency-lab-made";

        /** The JDK 25 to instrument. */
        Path jdkToInstrument() {
            return JdkFinder.find(JDK_RELEASE).orElseThrow(() -> new Unavailable("the explored checks need a JDK " + JDK_RELEASE
                    + " for Fray to instrument, and none was found (set " + JDK_ENVIRONMENT
                    + " to one, or install one where JDKs usually go)"));
        }

        private static final Object MAKING_THE_JDK = new Object();

        /**
         * Fray's instrumented copy of a JDK 25, made on first use (by jlink, which takes a while) in
         * the user's cache, where every later build and clone finds it: it is named by the JDK it
         * was made from and Fray's jars, so another JDK or Fray version makes another. A run
         * making it meanwhile, in this JVM or another, is waited for.
         */
        Path instrumentedJdk() {
            Path source = jdkToInstrument();
            Path jdk;
            try {
                jdk = UserCache.directory().resolve("fray-jdk-" + key(source));
            } catch (IOException e) {
                throw new Unavailable("no cache folder for Fray's instrumented JDK: " + e.getMessage());
            }
            if (Files.exists(jdk.resolve(MADE))) {
                return jdk;
            }
            // A file lock keeps other JVMs out; threads of this one (gradings side by side) wait here,
            // since a second lock of the same file from one JVM throws instead of waiting.
            synchronized (MAKING_THE_JDK) {
                Path lockPath = jdk.resolveSibling(jdk.getFileName() + ".lock");
                try (FileChannel lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = lockFile.lock()) {
                    if (Files.exists(jdk.resolve(MADE))) {
                        return jdk;
                    }
                    deleteTree(jdk);
                    Path building = jdk.resolveSibling(jdk.getFileName() + "-building-" + ProcessHandle.current().pid());
                    deleteTree(building);
                    Executables.Outcome linked = Executables.run(jlink(source, building), Timeouts.seconds(300));
                    if (linked.exitCode() != 0) {
                        deleteTree(building);
                        throw new Unavailable("jlink could not make Fray's instrumented JDK from " + source + ": "
                                + String.join(" ", linked.stderr()).strip());
                    }
                    Files.writeString(building.resolve(MADE), "from " + source + System.lineSeparator());
                    Files.move(building, jdk, StandardCopyOption.ATOMIC_MOVE);
                    return jdk;
                } catch (IOException e) {
                    throw new Unavailable("cannot make Fray's instrumented JDK in " + jdk + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable("interrupted while making Fray's instrumented JDK");
                }
            }
        }

        /** What the instrumented JDK is made from: the source JDK (its folder and release file) and Fray's jars. */
        private String key(Path source) throws IOException {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                StringBuilder from = new StringBuilder(source.toRealPath().toString());
                Path release = source.resolve("release");
                if (Files.isRegularFile(release)) {
                    from.append('\n').append(Files.readString(release));
                }
                for (Path jar : libraries) {
                    from.append('\n').append(jar.getFileName()).append(' ').append(Files.size(jar));
                }
                return HexFormat.of().formatHex(sha.digest(from.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
        }

        /** Fray's own recipe: jlink with Fray's plugin loaded, every module of the source JDK, instrumented. */
        private List<String> jlink(Path source, Path output) throws IOException, InterruptedException {
            String pluginPath = String.join(File.pathSeparator, libraries.stream().filter(jar -> !jar.equals(agent))
                    .map(Path::toString).toList());
            Path plugin = libraries.stream().filter(jar -> jar.getFileName().toString().startsWith("fray-instrumentation-jdk-"))
                    .findFirst().orElseThrow(() -> new Unavailable("Fray's jlink plugin is missing from " + home.resolve("lib")));
            List<String> command = new ArrayList<>(List.of(source.resolve("bin").resolve(Executables.fileName("jlink")).toString(),
                    "-J-javaagent:" + plugin, "-J--module-path=" + pluginPath,
                    "-J--add-modules=org.pastalab.fray.instrumentation.jdk", "-J--class-path=" + pluginPath,
                    "--output=" + output, "--release-info", "add:IMPLEMENTOR=Fray"));
            Path jmods = source.resolve("jmods");
            if (Files.isDirectory(jmods)) {
                command.addAll(List.of("--module-path=" + jmods, "--add-modules=ALL-MODULE-PATH"));
            } else {
                // A JDK without jmods links from its own run-time image, which cannot carry jlink itself.
                Executables.Outcome modules = Executables.run(List.of(source.resolve("bin").resolve(Executables.fileName("java"))
                        .toString(), "--list-modules"), Timeouts.seconds(60));
                List<String> names = modules.stdout().stream().map(line -> line.replaceFirst("@.*", "").strip())
                        .filter(name -> !name.isEmpty() && !name.equals("jdk.jlink") && !name.equals("jdk.jpackage")).toList();
                command.add("--add-modules=" + String.join(",", names));
            }
            command.add("--fray-instrumentation");
            return command;
        }
    }
}
