import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the Python side of the ipc and process comparisons on this machine and writes what each
 * script printed into its module README's block ({@code <!-- measured python-ipc -->},
 * {@code <!-- measured python-processes -->}), so that no CPython figure there is typed by hand.
 *
 * <p>Usage, from the project folder: {@code java build-support/PythonBaselines.java [python3]}
 */
public class PythonBaselines {

    record Baseline(String block, Path script, Path readme) {}

    static final List<Baseline> BASELINES = List.of(
            new Baseline("python-ipc", Path.of("ipc/python/multiprocessing_baseline.py"), Path.of("ipc/README.md")),
            new Baseline("python-processes", Path.of("process-demos/python/pool_and_start_baseline.py"),
                    Path.of("process-demos/README.md")));

    public static void main(String[] args) throws Exception {
        String python = args.length > 0 ? args[0] : "python3";
        String version = run(List.of(python, "-c", "import platform; print(platform.python_version())")).strip();
        for (Baseline baseline : BASELINES) {
            System.out.println("running " + baseline.script() + " on Python " + version + " ...");
            String printed = run(List.of(python, baseline.script().toString())).strip();
            String body = String.format("`python3 %s`, %s, Python %s, %d processors, %s %s:%n%n```%n%s%n```%n",
                    baseline.script().toString().replace('\\', '/'), LocalDate.now(), version,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"), printed);
            String readme = Files.readString(baseline.readme(), StandardCharsets.UTF_8);
            Matcher block = Pattern.compile("(<!-- measured " + baseline.block() + " -->\\n)(.*?)(<!-- /measured -->)", Pattern.DOTALL)
                    .matcher(readme);
            if (!block.find()) {
                throw new IllegalStateException(baseline.readme() + " has no <!-- measured " + baseline.block() + " --> block");
            }
            Files.writeString(baseline.readme(), block.replaceFirst(Matcher.quoteReplacement(block.group(1) + body + block.group(3))),
                    StandardCharsets.UTF_8);
            System.out.println(printed);
            System.out.println("written into " + baseline.readme());
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
            return out;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
