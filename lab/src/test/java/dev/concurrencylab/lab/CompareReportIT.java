package dev.concurrencylab.lab;

import dev.concurrencylab.lab.JarLauncher.Run;
import dev.concurrencylab.lab.compare.Contender;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.concurrencylab.lab.JarLauncher.launch;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code concurrency-lab compare --quick --python --max-workers 2 --rounds 2 --out DIR}, through the jar: it writes the page,
 * the charts and the raw numbers, and a browser shows the charts. Speeds are not judged here (the
 * speedup lessons judge theirs, against the cores that were free); the report's arithmetic is.
 */
class CompareReportIT {

    private static final Path OUT = Path.of("target", "compare-report");
    private static final Pattern DATA_IMAGE = Pattern.compile("data:image/png;base64,[A-Za-z0-9+/=]+");

    private static Run run;

    @BeforeAll
    static void compare() throws IOException {
        if (Files.exists(OUT)) {
            try (Stream<Path> old = Files.walk(OUT)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        // Counts 1 and 2 and two rounds are enough to check the page and its arithmetic (a median of two, a range).
        run = launch("compare", "--quick", "--python", "--max-workers", "2", "--rounds", "2", "--out", OUT.toString());
    }

    @Test
    void writesThePageTheChartsAndTheRawNumbers() throws IOException {
        assertThat(run.code()).as("exit code; stderr: %s", run.stderr()).isZero();
        assertThat(run.stdout()).contains("Report: ", "Sleep-bound, 2 workers", "CPU-bound, 2 workers");
        for (String file : new String[] {"index.html", "sleep-bound.png", "cpu-bound.png", "samples.csv",
                "speedups.csv", "results.json"}) {
            assertThat(OUT.resolve(file)).isNotEmptyFile();
        }
        String page = Files.readString(OUT.resolve("index.html"));
        assertThat(DATA_IMAGE.matcher(page).results().count()).as("charts inside the page").isEqualTo(2);
        assertThat(page).as("nothing fetched from the network").doesNotContain("src=\"http", "href=\"http", "@import");
        if (run.stderr().contains("python3 is not on PATH")) {
            assertThat(run.stderr().lines().filter(line -> line.contains("python3")).count()).isEqualTo(1);
        } else {
            assertThat(page).contains("CPython threads", "CPython multiprocessing");
        }
    }

    @Test
    void theNumbersAddUp() throws IOException {
        JsonNode results = new ObjectMapper().readTree(OUT.resolve("results.json").toFile());
        int processors = Runtime.getRuntime().availableProcessors();
        assertThat(results.at("/machine/processors").asInt()).isEqualTo(processors);
        assertThat(results.at("/machine/cgroup_cpu_quota").asText()).isNotEmpty();
        assertThat(results.at("/settings/worker_counts").get(0).asInt()).isEqualTo(1);
        assertThat(results.at("/settings/worker_counts").get(results.at("/settings/worker_counts").size() - 1).asInt())
                .isEqualTo(2);

        int rounds = results.at("/settings/rounds").asInt();
        int counts = results.at("/settings/worker_counts").size();
        assertThat(countJava(results.get("samples"))).as("4 Java contenders x 2 workloads x counts x rounds")
                .isEqualTo(4L * 2 * counts * rounds);

        for (JsonNode row : results.get("speedups")) {
            String what = row.get("workload").asText() + " " + row.get("contender").asText() + " x" + row.get("workers");
            if (row.get("workers").asInt() == 1) {
                assertThat(row.get("median").asDouble()).as(what).isEqualTo(1.0);
            }
            assertThat(row.get("min").asDouble()).as(what).isPositive().isLessThanOrEqualTo(row.get("median").asDouble());
            assertThat(row.get("median").asDouble()).as(what).isLessThanOrEqualTo(row.get("max").asDouble());
            assertThat(row.get("amdahl_p").asDouble()).as(what).isBetween(0.0, 1.0);
        }
        assertThat(Files.readAllLines(OUT.resolve("samples.csv"))).hasSize(results.get("samples").size() + 1);
    }

    private static long countJava(JsonNode samples) {
        long java = 0;
        for (JsonNode sample : samples) {
            if (!sample.get("contender").asText().startsWith("cpython")) {
                java++;
            }
        }
        return java;
    }

    /**
     * The page as a reader sees it. Rendered twice, as written and with its images taken out. A
     * chart shown at its own size adds to the screen exactly the pixels of each contender's colour
     * that its PNG holds (lines, markers, legend: the legend alone makes that more than zero even
     * when one line hides another); the tables' colour swatches are in both renderings. So for
     * each Java contender, screenshot minus control must reach (nearly) what the two PNGs hold.
     */
    @Test
    void aBrowserShowsTheCharts() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.foundOrSkip("the page");
        Path page = OUT.resolve("index.html");
        Path withoutCharts = OUT.resolve("without-charts.html");
        Files.writeString(withoutCharts, DATA_IMAGE.matcher(Files.readString(page)).replaceAll(""));
        Path shot = OUT.resolve("screenshot.png");
        Path control = OUT.resolve("screenshot-without-charts.png");
        // Tall enough for the whole page: both charts must be on the screenshot.
        chromium.screenshot(page, shot, 1100, 4000);
        chromium.screenshot(withoutCharts, control, 1100, 4000);

        BufferedImage seen = ImageIO.read(shot.toFile());
        BufferedImage bare = ImageIO.read(control.toFile());
        List<BufferedImage> charts = List.of(ImageIO.read(OUT.resolve("sleep-bound.png").toFile()),
                ImageIO.read(OUT.resolve("cpu-bound.png").toFile()));
        for (Contender contender : Contender.JAVA) {
            if (contender == Contender.CLUSTER_MEMBERS) {
                continue; // present only with --cluster
            }
            int rgb = contender.color().getRGB() & 0xFFFFFF;
            long inCharts = charts.stream().mapToLong(chart -> pixels(chart, rgb)).sum();
            long added = pixels(seen, rgb) - pixels(bare, rgb);
            System.out.printf("screenshot: %s, %d pixels of its colour in the charts, %d added on screen%n",
                    contender.label(), inCharts, added);
            assertThat(inCharts).as("%s in the chart files", contender.label()).isPositive();
            assertThat(added).as("%s: pixels the charts add on screen (see %s)", contender.label(), shot)
                    .isGreaterThanOrEqualTo(inCharts * 9 / 10);
        }
    }

    private static long pixels(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
