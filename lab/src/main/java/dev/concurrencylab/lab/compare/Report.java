package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.measure.Load;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Summary;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

/**
 * Writes a comparison to a directory: {@code index.html} (self-contained: the charts are inside
 * it, so it opens offline and can be mailed as one file), one PNG per workload, the raw samples
 * ({@code samples.csv}), the speedups ({@code speedups.csv}) and everything as {@code results.json}.
 */
public final class Report {

    public static final String PAGE = "index.html";

    private final Results results;
    private final String commandLine;
    private final Instant written = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    public Report(Results results, String commandLine) {
        this.results = results;
        this.commandLine = commandLine;
    }

    /** Writes every file into {@code directory}, which must exist; returns the page. */
    public Path writeTo(Path directory) throws IOException {
        StringBuilder sections = new StringBuilder();
        for (Workload workload : Workload.values()) {
            if (results.contenders(workload).isEmpty()) {
                continue;
            }
            byte[] png = Charts.speedupPng(results, workload);
            Files.write(directory.resolve(workload.id + ".png"), png);
            sections.append(section(workload, Base64.getEncoder().encodeToString(png)));
        }
        Files.writeString(directory.resolve("samples.csv"), ResultFiles.samplesCsv(results), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("speedups.csv"), ResultFiles.speedupsCsv(results), StandardCharsets.UTF_8);
        try (Writer writer = Files.newBufferedWriter(directory.resolve("results.json"), StandardCharsets.UTF_8)) {
            ResultFiles.writeJson(writer, results, commandLine, written);
        }
        Path page = directory.resolve(PAGE);
        Files.writeString(page, page(sections.toString()), StandardCharsets.UTF_8);
        return page;
    }

    /** One line per workload for the terminal: the speedups at the largest worker count the cores allow. */
    public List<String> findings() {
        List<String> lines = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            if (!results.contenders(workload).isEmpty()) {
                lines.add(finding(workload));
                lines.addAll(aboveIdeal(workload));
            }
        }
        return lines;
    }

    private String finding(Workload workload) {
        int workers = comparedCount();
        List<String> parts = new ArrayList<>();
        for (Contender contender : results.contenders(workload)) {
            results.speedup(workload, contender, workers).ifPresent(s ->
                    parts.add(String.format(Locale.ROOT, "%s %.2fx", contender.label(), s.median())));
        }
        return String.format("%s, %d workers (ideal %.0fx): %s.", workload.title, workers,
                workload.ideal(workers, results.machine().processors()), String.join(", ", parts));
    }

    /**
     * What a reader must not take as a finding, said plainly: a median above the ideal (as
     * printed), which no parallelism can give, since the one-worker runs it divides were slowed,
     * or these sped up, by something else on the machine; points measured while too few cores
     * were free; and Amdahl fits to points that spread too widely to support one.
     */
    private List<String> aboveIdeal(Workload workload) {
        List<String> warnings = new ArrayList<>();
        for (Results.SpeedupRow row : results.speedupRows()) {
            if (row.workload() != workload) {
                continue;
            }
            if (Math.round(row.speedup().median() * 100) > Math.round(row.ideal() * 100)) {
                warnings.add(String.format(Locale.ROOT, "%s at %d workers: %.2fx is above the ideal %.0fx, which no "
                        + "parallelism can give: the machine ran this contender's one-worker timings slower than "
                        + "these (noise). More --rounds narrow it.", row.contender().label(), row.workers(),
                        row.speedup().median(), row.ideal()));
            }
            results.load(workload, row.contender(), row.workers()).filter(Load::busy).ifPresent(load ->
                    warnings.add(String.format(Locale.ROOT, "%s at %d workers: %s; a busy machine's speedup, not this "
                            + "contender's.", row.contender().label(), row.workers(), load.reason())));
        }
        for (Contender contender : results.contenders(workload)) {
            results.amdahl(workload, contender).filter(p -> !results.amdahlIsAFinding(workload, contender)).ifPresent(p ->
                    warnings.add(String.format(Locale.ROOT, "%s: its rounds spread too widely (or its medians do not "
                            + "follow Amdahl's curve) for a parallel fraction to mean anything; the fit (p = %.2f) is "
                            + "not drawn.", contender.label(), p)));
        }
        return warnings;
    }

    /** The count the findings quote: the largest measured count not above the processors. */
    private int comparedCount() {
        int processors = results.machine().processors();
        return results.settings().workerCounts().stream().filter(n -> n <= processors).reduce((a, b) -> b).orElse(1);
    }

    private String section(Workload workload, String pngBase64) {
        List<Integer> counts = results.settings().workerCounts();
        StringBuilder html = new StringBuilder();
        html.append("<section>\n<h2>").append(escapeHtml4(workload.title)).append("</h2>\n")
                .append("<p>").append(escapeHtml4(workload.explanation)).append("</p>\n")
                .append("<p class=\"finding\">").append(escapeHtml4(finding(workload))).append("</p>\n");
        for (String warning : aboveIdeal(workload)) {
            html.append("<p class=\"warning\">").append(escapeHtml4(warning)).append("</p>\n");
        }
        html
                .append("<img src=\"data:image/png;base64,").append(pngBase64).append("\" width=\"").append(Charts.WIDTH)
                .append("\" height=\"").append(Charts.HEIGHT).append("\" alt=\"").append(escapeHtml4(workload.title))
                .append(": speedup against workers for every contender, with the ideal line and Amdahl fits\">\n");
        html.append("<table>\n<tr><th>contender</th>");
        for (int n : counts) {
            html.append("<th>").append(n).append(n == 1 ? " worker" : " workers").append("</th>");
        }
        html.append("<th>parallelism at ").append(counts.getLast()).append("</th><th>Amdahl p</th></tr>\n");
        html.append("<tr class=\"ideal\"><td>ideal</td>");
        for (int n : counts) {
            html.append(String.format(Locale.ROOT, "<td>%.0fx</td>", workload.ideal(n, results.machine().processors())));
        }
        html.append("<td></td><td>1.00</td></tr>\n");
        for (Contender contender : results.contenders(workload)) {
            html.append("<tr><td><span class=\"swatch\" style=\"background:").append(contender.hexColor())
                    .append("\"></span>").append(escapeHtml4(contender.label())).append("</td>");
            for (int n : counts) {
                Optional<Summary> speedup = results.speedup(workload, contender, n);
                Optional<Summary> wall = results.wall(workload, contender, n);
                boolean busy = results.busy(workload, contender, n);
                html.append("<td title=\"").append(wall.map(w -> String.format(Locale.ROOT, "median wall %.3f s", w.median())).orElse(""))
                        .append(busy ? "; measured on a busy machine" : "").append("\"").append(busy ? " class=\"busy\"" : "")
                        .append(">").append(escapeHtml4(Results.speedupText(speedup))).append(busy ? " (busy)" : "").append("</td>");
            }
            html.append("<td>").append(results.parallelism(workload, contender, counts.getLast())
                    .map(p -> String.format(Locale.ROOT, "%.2f", p.median())).orElse("n/a")).append("</td>");
            html.append("<td>").append(results.amdahl(workload, contender)
                    .map(p -> String.format(Locale.ROOT, results.amdahlIsAFinding(workload, contender) ? "%.2f" : "(%.2f: noise)", p))
                    .orElse("-")).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
        return html.toString();
    }

    private String page(String sections) {
        Machine machine = results.machine();
        Settings settings = results.settings();
        StringBuilder code = new StringBuilder();
        List<Contender> described = new ArrayList<>(Contender.JAVA);
        for (PythonInterpreter python : results.pythons()) {
            described.add(Contender.cpythonThreads(python));
            described.add(Contender.cpythonProcesses(python));
        }
        if (results.pythons().isEmpty()) { // the snippets a CPython run would time
            described.addAll(Contender.cpythonUnnamed());
        }
        for (Contender contender : described) {
            code.append("<tr><td><span class=\"swatch\" style=\"background:").append(contender.hexColor())
                    .append("\"></span>").append(escapeHtml4(contender.label())).append("</td><td>")
                    .append(contender.python() ? "Python" : "Java").append("</td><td><code>")
                    .append(escapeHtml4(contender.snippet())).append("</code></td></tr>\n");
        }
        String python = results.pythons().isEmpty() ? "not run (add --python where python3 is installed)"
                : results.pythons().stream().map(PythonInterpreter::describe).collect(Collectors.joining("; "));
        String pythonNote = results.pythonNotes().stream().map(n -> "<p class=\"warning\">" + escapeHtml4(n) + "</p>\n")
                .collect(Collectors.joining());
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Concurrency Lab: threads versus processes on this machine</title>
                <style>
                body { font-family: system-ui, sans-serif; max-width: 960px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
                h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
                table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
                th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
                th { background: #f3f3f3; } td.busy { color: #b00; } tr.ideal td { color: #666; font-style: italic; }
                .swatch { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.4em; vertical-align: -0.1em; }
                .finding { font-weight: 600; } .warning { color: #a40000; }
                dl.machine dt { font-weight: 600; float: left; clear: left; width: 9em; } dl.machine dd { margin-left: 10em; }
                code { font-size: 0.9em; } img { max-width: 100%%; height: auto; border: 1px solid #eee; }
                </style>
                </head>
                <body>
                <h1>Threads versus processes, measured on this machine</h1>
                <dl class="machine">
                <dt>processors</dt><dd>%d (cgroup CPU quota: %s)</dd>
                <dt>JVM</dt><dd>%s</dd>
                <dt>OS</dt><dd>%s</dd>
                <dt>Python</dt><dd>%s</dd>
                <dt>run</dt><dd><code>%s</code>, %d interleaved rounds, written %s</dd>
                </dl>
                %s
                <p>Each chart splits one fixed amount of work among 1, 2, 4 &hellip; workers. The speedup of a
                contender at N workers is its own time with one worker divided by its time with N, taken in the
                same round (rounds alternate between counting up and counting down, so that a machine that
                drifts during the run favours neither end); the dot is the median over the rounds and the
                table gives the range. The dashed grey
                line is what perfectly parallel workers would reach here; a dotted line in a contender's colour
                is Amdahl's law, S = 1 / ((1 &minus; p) + p / n), fitted to its dots, with n the workers that
                can run at once (for CPU-bound work no more than the processors). Java has no GIL: the red line
                is this project's model of CPython's lock, run in Java, so that the difference is shown with
                the same work and the same clock.</p>
                <p><b>Parallelism</b> is the workers' CPU time divided by the wall time of the run: how many
                cores were really busy with this contender's work at once (about 1 when workers take turns, up to
                the processors when they truly run together). <b>n/a</b> stands where it cannot be measured
                fairly: a virtual thread's own CPU time is not available, and the process's would count the
                JIT and GC threads too. <b>(busy)</b> marks a CPU-bound point measured while other processes
                left fewer cores free than its speedup needs; <b>(p: noise)</b> an Amdahl fit to points whose
                rounds spread too widely to support one. Python's points carry no load reading: CPython times
                itself, in its own process.</p>
                %s
                <h2>The code behind each line</h2>
                <table>
                <tr><th>contender</th><th>language</th><th>how each worker is started (CPU-bound case)</th></tr>
                %s</table>
                <p>Child JVMs and CPython processes are timed from the moment all of them are ready (a "go" line,
                a barrier), so start-up is not in the speedup; the lessons <code>start-methods</code> and
                <code>process-pool</code> measure it on its own.</p>
                <h2>Raw numbers</h2>
                <p><a href="samples.csv">samples.csv</a> (every timing), <a href="speedups.csv">speedups.csv</a>
                (what the tables show), <a href="results.json">results.json</a> (both, with the machine).</p>
                </body>
                </html>
                """.formatted(machine.processors(), escapeHtml4(machine.cgroupQuota()), escapeHtml4(machine.jvm()),
                escapeHtml4(machine.os()), escapeHtml4(python), escapeHtml4(commandLine), settings.rounds(), written,
                pythonNote, sections, code);
    }
}
