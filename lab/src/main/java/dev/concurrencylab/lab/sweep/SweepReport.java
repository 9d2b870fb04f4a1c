package dev.concurrencylab.lab.sweep;

import dev.concurrencylab.core.lesson.Parameter;
import dev.concurrencylab.core.lesson.TextTable;
import dev.concurrencylab.core.measure.Machine;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.lab.compare.MachineJson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A sweep as a table on the terminal, and as a page with a chart per key, CSV and JSON. */
public final class SweepReport {

    public static final String PAGE = "index.html";

    private SweepReport() {}

    /** Per key (a row), per value (a column): the median, and the range of the rounds. */
    public static void printTable(PrintStream out, Sweep.Result result, List<String> keys) {
        Sweep.Plan plan = result.plan();
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("observation", "unit"));
        plan.values().forEach(value -> header.add(plan.swept().name() + "=" + Parameter.format(value)));
        rows.add(header);
        for (String key : keys) {
            List<String> row = new ArrayList<>(List.of(key, result.units().get(key)));
            for (double value : plan.values()) {
                Summary summary = result.summary(key, value);
                row.add(plan.rounds() == 1 ? number(summary.median())
                        : number(summary.median()) + " (" + number(summary.min()) + "–" + number(summary.max()) + ")");
            }
            rows.add(row);
        }
        TextTable.print(out, rows);
        out.printf("median of %d rounds (their range in brackets); each round took the values in turn, reversed every other round%n",
                plan.rounds());
    }

    /** {@code index.html} (a chart per key, inside the page), {@code samples.csv} and {@code results.json} in {@code directory}. */
    public static void write(Path directory, Sweep.Result result, List<String> keys, Machine machine) throws IOException {
        Files.createDirectories(directory);
        Sweep.Plan plan = result.plan();
        try (Writer csv = Files.newBufferedWriter(directory.resolve("samples.csv"))) {
            csv.write("lesson,parameter,value,key,round,sample\n");
            for (String key : result.keys()) {
                for (Map.Entry<Double, List<Double>> byValue : result.samples().get(key).entrySet()) {
                    List<Double> samples = byValue.getValue();
                    for (int round = 0; round < samples.size(); round++) {
                        csv.write(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s%n", plan.lesson().id(), plan.swept().name(),
                                Parameter.format(byValue.getKey()), key, round + 1, samples.get(round)));
                    }
                }
            }
        }
        try (JsonGenerator json = new JsonFactory().createGenerator(Files.newBufferedWriter(directory.resolve("results.json")))) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("lesson", plan.lesson().id());
            json.writeStringField("parameter", plan.swept().name());
            json.writeStringField("unit", plan.swept().unit());
            json.writeArrayFieldStart("values");
            for (double value : plan.values()) {
                json.writeNumber(value);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("fixed");
            for (Map.Entry<String, Double> fixed : plan.fixed().entrySet()) {
                json.writeNumberField(fixed.getKey(), fixed.getValue());
            }
            json.writeEndObject();
            json.writeNumberField("rounds", plan.rounds());
            MachineJson.write(json, machine);
            json.writeObjectFieldStart("samples"); // key -> value -> one sample per round
            for (String key : result.keys()) {
                json.writeObjectFieldStart(key);
                for (Map.Entry<Double, List<Double>> byValue : result.samples().get(key).entrySet()) {
                    json.writeArrayFieldStart(Parameter.format(byValue.getKey()));
                    for (double sample : byValue.getValue()) {
                        json.writeNumber(sample);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        StringBuilder page = new StringBuilder();
        String title = "sweep " + plan.lesson().id() + " over " + plan.swept().name();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append("</title>\n<style>body{font-family:sans-serif;margin:1.5em}img{max-width:100%}</style></head><body>\n<h1>")
                .append(title).append("</h1>\n<p>").append(escape(plan.swept().describe())).append("</p>\n<p>")
                .append(escape(String.format(Locale.ROOT, "%d rounds, each taking the values in turn; %s; %d processors, %s, %s",
                        plan.rounds(), plan.fixed().isEmpty() ? "no other parameter fixed" : "fixed: " + plan.fixed(),
                        machine.processors(), machine.jvm(), machine.os()))).append("</p>\n");
        for (String key : keys) {
            byte[] png = chart(result, key);
            Files.write(directory.resolve(key.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png"), png); // for a README to show
            page.append("<h2>").append(escape(key)).append("</h2>\n<img alt=\"").append(escape(key)).append(" against ")
                    .append(plan.swept().name()).append(" at ").append(String.join(", ", tickLabels(plan)))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }
        page.append("<p>Every sample: <a href=\"samples.csv\">samples.csv</a>, <a href=\"results.json\">results.json</a>.</p>\n</body></html>\n");
        Files.writeString(directory.resolve(PAGE), page);
    }

    /**
     * The labels under a chart's horizontal axis: exactly the values swept, in order, one tick
     * each and evenly spaced (values that double are then spaced as on a log axis), and no tick
     * at a value that was not run. The page's alt text carries the same list.
     */
    static List<String> tickLabels(Sweep.Plan plan) {
        return plan.values().stream().sorted().map(Parameter::format).toList();
    }

    /** The median of {@code key} at each value swept, with the rounds' lowest and highest as dotted lines. */
    static byte[] chart(Sweep.Result result, String key) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Sweep.Plan plan = result.plan();
        List<Double> values = plan.values().stream().sorted().toList();
        List<String> ticks = tickLabels(plan);
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520)
                .title(key + " against " + plan.swept().name())
                .xAxisTitle(plan.swept().name() + " (" + plan.swept().unit() + "), the values run, evenly spaced")
                .yAxisTitle(key + " (" + result.units().get(key) + ")" + (plan.rounds() > 1 ? ", median of " + plan.rounds() + " rounds" : ""))
                .build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        styler.setYAxisDecimalPattern("#,##0.###");
        styler.setOverlapped(true); // every series at its category's centre, not side by side as bars
        CategorySeries medians = chart.addSeries("median", ticks, values.stream().map(value -> result.summary(key, value).median()).toList());
        medians.setMarker(SeriesMarkers.CIRCLE);
        medians.setLineColor(new Color(0x1565c0));
        medians.setMarkerColor(new Color(0x1565c0));
        if (plan.rounds() > 1) {
            for (boolean lowest : new boolean[] {true, false}) {
                CategorySeries range = chart.addSeries(lowest ? "lowest round" : "highest round", ticks, values.stream()
                        .map(value -> lowest ? result.summary(key, value).min() : result.summary(key, value).max()).toList());
                range.setMarker(SeriesMarkers.NONE);
                range.setLineColor(Color.GRAY);
                range.setLineStyle(SeriesLines.DOT_DOT);
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static String number(double value) {
        double size = Math.abs(value);
        return size >= 1000 ? String.format(Locale.ROOT, "%,.0f", value) : size >= 10 ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
