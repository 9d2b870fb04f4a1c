package dev.concurrencylab.it;

import dev.concurrencylab.core.Timeouts;
import dev.concurrencylab.core.child.ChildJvm;
import dev.concurrencylab.core.work.CpuWork;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * container-cpus: the CPU-bound work inside containers limited to 1 and 2 CPUs. The JVM must see
 * the quota as its processor count, and the two threads must not get more parallelism than the
 * quota allows.
 *
 * <p>No image is pulled (no registry is reachable here, and readers may be offline): the test
 * builds one {@code FROM scratch} with only the host's C library (found by {@code ldd} on the
 * running JDK), and mounts the running JDK and the class path read-only. Where no Docker engine
 * answers, the test skips with one line; where {@code CONCURRENCYLAB_REQUIRE_DOCKER=true} (CI),
 * it fails instead.
 */
class ContainerCpusIT {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static ImageFromDockerfile image;
    /** Why the container tests cannot run here, or null. */
    private static String missing;

    @BeforeAll
    static void findDockerOnLinux() throws IOException, InterruptedException {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
            missing = "the image is built from the host's Linux C library; this is " + System.getProperty("os.name");
        } else if (!DockerPing.answers(Timeouts.seconds(2))) {
            missing = "no Docker engine answered at " + DockerPing.socket();
        } else if (!DockerClientFactory.instance().isDockerAvailable()) {
            missing = "Testcontainers could not use the Docker engine at " + DockerPing.socket();
        }
        if (missing == null) {
            image = imageWithHostCLibrary();
        }
    }

    /**
     * Skips (or, where required, fails) each test on its own rather than the whole class, so that
     * Maven's totals count the skips: an aborted {@code @BeforeAll} is reported as no test at all.
     */
    @BeforeEach
    void needsDocker() {
        boolean required = Boolean.parseBoolean(System.getProperty("concurrencylab.require.docker"))
                || "true".equalsIgnoreCase(System.getenv("CONCURRENCYLAB_REQUIRE_DOCKER"));
        if (missing != null) {
            if (required) {
                fail("container-cpus is required here (CONCURRENCYLAB_REQUIRE_DOCKER) but cannot run: " + missing);
            }
            System.out.println("SKIPPED container-cpus: " + missing);
            Assumptions.abort(missing);
        }
    }

    /** FROM scratch plus the shared libraries the JDK's launcher and VM link against. */
    private static ImageFromDockerfile imageWithHostCLibrary() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ldd", JAVA_HOME.resolve("bin/java").toString(),
                JAVA_HOME.resolve("lib/server/libjvm.so").toString()));
        for (String library : List.of("libjava.so", "libzip.so", "libnio.so", "libnet.so", "libjimage.so")) {
            if (Files.exists(JAVA_HOME.resolve("lib").resolve(library))) {
                command.add(JAVA_HOME.resolve("lib").resolve(library).toString());
            }
        }
        Process ldd = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ldd.waitFor(Timeouts.seconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || ldd.exitValue() != 0) {
            ldd.destroyForcibly();
            throw new IOException("ldd failed on the JDK: " + output);
        }
        Set<String> libraries = new TreeSet<>();
        Matcher path = Pattern.compile("(/[^\\s]+\\.so[^\\s]*)").matcher(output);
        while (path.find()) {
            if (!path.group(1).startsWith(JAVA_HOME.toString())) {
                libraries.add(path.group(1));
            }
        }
        ImageFromDockerfile built = new ImageFromDockerfile("concurrency-lab/jvm-libc", false)
                .withDockerfileFromBuilder(dockerfile -> dockerfile.from("scratch").copy("rootfs/", "/").build());
        for (String library : libraries) {
            built = built.withFileFromPath("rootfs" + library, Path.of(library).toRealPath());
        }
        return built;
    }

    @ParameterizedTest(name = "{0} CPU(s)")
    @ValueSource(ints = {1, 2})
    void theJvmSeesItsQuotaAndGetsNoMoreParallelism(int cpus) throws Exception {
        List<String> classPath = List.of(location(ContainerCpuProbe.class), location(CpuWork.class));
        // Read-only binds of the JDK and the class path, set on the HostConfig directly: Testcontainers'
        // own withFileSystemBind first checks mounting with a helper image it would try to pull.
        List<Bind> binds = new ArrayList<>();
        for (String path : concat(JAVA_HOME.toString(), classPath)) {
            binds.add(new Bind(path, new Volume(path), AccessMode.ro));
        }
        GenericContainer<?> container = new GenericContainer<>(image)
                .withImagePullPolicy(name -> false)
                // CI looks for leftover containers of its own run by this label, not by image name.
                .withLabel("concurrencylab.run", Objects.requireNonNullElse(System.getenv(ChildJvm.RUN_MARKER), "none"))
                .withCommand(JAVA_HOME.resolve("bin/java").toString(), "-XX:-UsePerfData", "-Xshare:auto",
                        "-cp", String.join(":", classPath), ContainerCpuProbe.class.getName(), "600")
                .withCreateContainerCmdModifier(create -> create.getHostConfig()
                        .withNanoCPUs(cpus * 1_000_000_000L)
                        .withBinds(binds))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Timeouts.seconds(120)));
        String logs;
        try (container) {
            container.start();
            logs = container.getLogs();
        }
        int processors = Integer.parseInt(value(logs, "processors"));
        double parallelism = Double.parseDouble(value(logs, "parallelism"));
        int hostCores = Runtime.getRuntime().availableProcessors();
        System.out.printf("container-cpus: quota %d, availableProcessors %d, parallelism of 2 threads %.2f (host %d cores)%n",
                cpus, processors, parallelism, hostCores);
        record(cpus, processors, parallelism, hostCores);

        assertThat(processors).as("availableProcessors() under a quota of " + cpus).isEqualTo(Math.min(cpus, hostCores));
        assertThat(parallelism).as("parallelism of 2 busy threads under a quota of " + cpus).isLessThanOrEqualTo(cpus + 0.2);
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String value(String logs, String key) {
        return logs.lines().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> line.substring(key.length() + 1).trim())
                .orElseThrow(() -> new AssertionError("no '" + key + "' in the container's output:\n" + logs));
    }

    /** One CSV row per run in target/speed-evidence, kept by CI. */
    private static void record(int quota, int processors, double parallelism, int hostCores) throws IOException {
        Path file = Path.of("target", "speed-evidence", "container-cpus.csv");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.writeString(file, "host_cores,quota_cpus,available_processors,parallelism\n");
        }
        Files.writeString(file, String.format(Locale.ROOT, "%d,%d,%d,%.3f%n", hostCores, quota, processors, parallelism),
                StandardOpenOption.APPEND);
    }
}
