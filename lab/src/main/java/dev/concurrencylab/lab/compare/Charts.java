package dev.concurrencylab.lab.compare;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One speedup chart per workload (XChart, rendered to PNG without a display): the median speedup
 * of each contender against the number of workers, the ideal line, and each contender's Amdahl
 * fit as a thin dotted line in its colour, its parallel fraction p in the legend.
 */
final class Charts {

    static final int WIDTH = 960;
    static final int HEIGHT = 700;
    private static final int CURVE_POINTS = 60;

    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE,
            SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS);

    private Charts() {}

    static byte[] speedupPng(Results results, Workload workload) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Integer> counts = results.settings().workerCounts();
        int processors = results.machine().processors();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(workload.title + ": speedup over one worker (" + processors + " processors)")
                .xAxisTitle("workers: " + counts.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .yAxisTitle(results.settings().rounds() == 1 ? "speedup (one round)"
                        : "speedup (median of " + results.settings().rounds() + " rounds)")
                .build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Vertical);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.0").setYAxisMin(0.0)
                .setMarkerSize(9);
        // XChart would label every integer (a "3" between 2 and 4 workers, never measured), and its
        // custom tick formatter can loop forever; so the axis title names the counts instead.
        chart.getStyler().setXAxisTicksVisible(false);

        double[] ideal = counts.stream().mapToDouble(n -> workload.ideal(n, processors)).toArray();
        XYSeries idealSeries = chart.addSeries("ideal", xs(counts), ideal);
        idealSeries.setMarker(SeriesMarkers.NONE);
        idealSeries.setLineColor(Color.GRAY);
        idealSeries.setLineStyle(SeriesLines.DASH_DASH);

        // Contenders often coincide (sleeping workers of every kind reach the same speedup): each
        // gets its own marker shape, and the lines drawn first are wider, so that every line in the
        // legend stays visible under the ones drawn after it.
        int drawn = 0;
        int all = results.contenders(workload).size();
        for (Contender contender : results.contenders(workload)) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int n : counts) {
                results.speedup(workload, contender, n).ifPresent(s -> {
                    x.add((double) n);
                    y.add(s.median());
                });
            }
            if (x.isEmpty()) {
                continue;
            }
            Optional<Double> p = results.amdahl(workload, contender).filter(v -> results.amdahlIsAFinding(workload, contender));
            String label = contender.label() + p.map(v -> String.format(Locale.ROOT, " (Amdahl p = %.2f)", v)).orElse("");
            XYSeries measured = chart.addSeries(label, x, y);
            measured.setMarker(MARKERS.get(contender.order() % MARKERS.size()));
            measured.setMarkerColor(contender.color());
            measured.setLineColor(contender.color());
            measured.setLineWidth(2.0f + 1.5f * (all - 1 - drawn++));
            if (p.isPresent()) {
                addFit(chart, contender, workload, p.get(), counts, processors);
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addFit(XYChart chart, Contender contender, Workload workload, double p, List<Integer> counts,
                               int processors) {
        double first = counts.getFirst();
        double last = counts.getLast();
        double[] x = new double[CURVE_POINTS];
        double[] y = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            x[i] = first + (last - first) * i / (CURVE_POINTS - 1);
            double parallel = workload == Workload.CPU_BOUND ? Math.min(x[i], processors) : x[i];
            y[i] = Amdahl.speedup(p, parallel);
        }
        XYSeries fit = chart.addSeries(contender.label() + " fit", x, y);
        fit.setMarker(SeriesMarkers.NONE);
        fit.setShowInLegend(false);
        fit.setLineColor(contender.color());
        fit.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f));
    }

    private static double[] xs(List<Integer> counts) {
        return counts.stream().mapToDouble(Integer::doubleValue).toArray();
    }
}
