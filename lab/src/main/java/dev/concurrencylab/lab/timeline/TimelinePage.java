package dev.concurrencylab.lab.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A timeline as one offline HTML page: an SVG lane per thread, a colour per state, the narration
 * lines as numbered marks, and on hover what each stretch was (which monitor, held by whom, how
 * long). Spans narrower than a pixel are merged with their neighbours of the same state, and the
 * merged rectangle says how many it stands for, so that a lesson that parks a million times still
 * makes a page a browser opens.
 */
public final class TimelinePage {

    static final int PLOT_WIDTH = 1100;
    static final int LABEL_WIDTH = 230;
    static final int LANE_HEIGHT = 18;
    static final int TOP = 46;

    private static final Map<Timeline.State, String> COLOURS = new EnumMap<>(Map.of(
            Timeline.State.RUNNING, "#4caf50",
            Timeline.State.PARKED, "#90a4ae",
            Timeline.State.BLOCKED, "#e53935",
            Timeline.State.WAITING, "#fb8c00",
            Timeline.State.SLEEPING, "#42a5f5",
            Timeline.State.PINNED, "#8e24aa",
            Timeline.State.READING, "#bcaaa4",
            Timeline.State.GIL_HELD, "#212121",
            Timeline.State.GIL_WAITING, "#ffca28",
            Timeline.State.GIL_DROPPED, "#d81b60"));

    private TimelinePage() {}

    /** The colour a lane's stretch of {@code state} is drawn in, as {@code #rrggbb}. */
    public static String colour(Timeline.State state) {
        return COLOURS.get(state);
    }

    /** The page: {@code heading} on top, {@code stamp} (what ran, where) under it. */
    public static String html(Timeline timeline, String heading, String stamp) {
        return html(timeline, heading, stamp, List.of());
    }

    /** The same, saying which of the events it draws from ({@code notRecordable}) the JDK that ran could not record. */
    public static String html(Timeline timeline, String heading, String stamp, List<String> notRecordable) {
        String svg = svg(timeline, TOP, null);
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(heading))
                .append("</title>\n<style>body{font-family:sans-serif;margin:1.5em}li{margin:.15em 0}"
                        + ".legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle}</style>\n")
                .append("</head><body>\n<h1>").append(escape(heading)).append("</h1>\n<p>").append(escape(stamp)).append("</p>\n");
        page.append("<p class=\"legend\">");
        for (Timeline.State state : Timeline.State.values()) {
            page.append("<span style=\"background:").append(COLOURS.get(state)).append("\"></span>").append(escape(state.meaning));
        }
        page.append("</p>\n");
        if (!notRecordable.isEmpty()) {
            page.append("<p><strong>Not shown:</strong> the JDK that ran has no ").append(escape(String.join(", ", notRecordable)))
                    .append(" events, so no lane can show ").append(escape(String.join(", ", notRecordable.stream()
                            .map(event -> Timeline.stateOf(event) == null ? event : Timeline.stateOf(event).name().toLowerCase(Locale.ROOT))
                            .distinct().toList())))
                    .append(" stretches.</p>\n");
        }
        page.append("<p>Hover over a stretch for what it was; the dashed lines are the lesson's narration, numbered as below")
                .append(timeline.phases().isEmpty() ? "" : "; the shaded bands are its phases, named on top").append(".</p>\n");
        page.append(svg);
        if (timeline.lanesLeftOut() > 0) {
            page.append("<p>").append(timeline.lanesLeftOut()).append(" more thread names had events and are not drawn "
                    + "(the first ").append(timeline.lanes().size()).append(" to act are).</p>\n");
        }
        page.append("<ol>\n");
        for (Timeline.Mark mark : timeline.marks()) {
            page.append("<li>").append(at(timeline.start(), mark.at())).append(": ").append(escape(mark.text())).append("</li>\n");
        }
        page.append("</ol>\n</body></html>\n");
        return page.toString();
    }

    /**
     * The drawing alone, for a README: one standalone SVG with {@code caption} (what ran, where)
     * on top, a legend of the states it shows, and the narration's numbered lines under the plot.
     */
    public static String picture(Timeline timeline, String caption) {
        return svg(timeline, PICTURE_TOP, caption);
    }

    private static final int PICTURE_TOP = 80;

    /** The bands' fills, in turn: pale, so that the spans drawn over them keep their colours. */
    private static final String[] PHASE_FILLS = {"#fff3c4", "#e1f5fe", "#f3e5f5", "#e8f5e9"};
    private static final int NARRATION_LINE = 15;

    private static String svg(Timeline timeline, int top, String caption) {
        double nanos = Math.max(1, timeline.length().toNanos());
        int plotBottom = top + timeline.lanes().size() * LANE_HEIGHT + 30;
        int height = plotBottom + (caption == null ? 0 : 10 + NARRATION_LINE * (timeline.marks().size() + 1));
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                LABEL_WIDTH + PLOT_WIDTH + 20, height));
        if (caption != null) {
            svg.append(String.format(Locale.ROOT, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                    + "<text x=\"10\" y=\"18\" font-size=\"12\">%s</text>%n", escape(caption)));
            double x = 10;
            for (Timeline.State state : Timeline.State.values()) {
                if (timeline.lanes().stream().anyMatch(lane -> lane.spans().stream().anyMatch(span -> span.state() == state))) {
                    String label = state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%.0f\" y=\"30\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                            + "<text x=\"%.0f\" y=\"39\">%s</text>%n", x, COLOURS.get(state), x + 14, label));
                    x += 24 + 6.5 * label.length();
                }
            }
        }
        phases(svg, timeline, nanos, top, plotBottom);
        axis(svg, timeline, nanos, top, plotBottom);
        for (int i = 0; i < timeline.lanes().size(); i++) {
            lane(svg, timeline, timeline.lanes().get(i), top + i * LANE_HEIGHT, nanos);
        }
        for (int i = 0; i < timeline.marks().size(); i++) {
            Timeline.Mark mark = timeline.marks().get(i);
            double x = LABEL_WIDTH + x(timeline.start(), mark.at(), nanos);
            svg.append(String.format(Locale.ROOT, "<g class=\"mark\"><title>%d at %s: %s</title>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" stroke-dasharray=\"3,3\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text></g>%n",
                    i + 1, at(timeline.start(), mark.at()), escape(mark.text()), x, top - 10, x, plotBottom - 26, x, top - 14, i + 1));
        }
        if (caption != null) {
            int y = plotBottom + 10;
            if (timeline.lanesLeftOut() > 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%d more thread names had events and are not drawn.</text>%n",
                        y, timeline.lanesLeftOut()));
            }
            for (int i = 0; i < timeline.marks().size(); i++) {
                Timeline.Mark mark = timeline.marks().get(i);
                String text = mark.text().length() > 190 ? mark.text().substring(0, 187) + "..." : mark.text();
                svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\">%d. %s: %s</text>%n",
                        y + NARRATION_LINE * (i + 1), i + 1, at(timeline.start(), mark.at()), escape(text)));
            }
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The lesson's phases, as bands behind every lane, each named at its top left (as much of the name as fits). */
    private static void phases(StringBuilder svg, Timeline timeline, double nanos, int top, int height) {
        for (int i = 0; i < timeline.phases().size(); i++) {
            Timeline.Phase phase = timeline.phases().get(i);
            double x0 = LABEL_WIDTH + x(timeline.start(), phase.start(), nanos);
            double x1 = Math.max(x0 + 1, LABEL_WIDTH + x(timeline.start(), phase.end(), nanos));
            int fits = (int) ((x1 - x0 - 4) / 6);
            String label = phase.name().length() <= fits ? phase.name() : fits > 3 ? phase.name().substring(0, fits - 1) + "…" : "";
            svg.append(String.format(Locale.ROOT, "<g class=\"phase\"><title>%s: %s to %s</title>"
                            + "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\">%s</text></g>%n",
                    escape(phase.name()), at(timeline.start(), phase.start()), at(timeline.start(), phase.end()),
                    x0, top - 34, x1 - x0, height - 24 - (top - 34), PHASE_FILLS[i % PHASE_FILLS.length], x0 + 2, top - 24, escape(label)));
        }
    }

    private static void axis(StringBuilder svg, Timeline timeline, double nanos, int top, int height) {
        double step = niceStep(nanos / 8);
        for (double t = 0; t <= nanos; t += step) {
            double x = LABEL_WIDTH + t / nanos * PLOT_WIDTH;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, top, x, height - 24, x, height - 8, seconds(t)));
        }
    }

    private static void lane(StringBuilder svg, Timeline timeline, Timeline.Lane lane, int y, double nanos) {
        int threads = lane.threadIds().size();
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s%s%s</text>%n",
                LABEL_WIDTH - 6, y + LANE_HEIGHT - 5, escape(lane.name()), threads > 1 ? String.format(Locale.ROOT, " (%,d threads)", threads) : "",
                lane.virtual() && !lane.name().startsWith("unnamed") ? " (virtual)" : ""));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>%n",
                LABEL_WIDTH, y + LANE_HEIGHT / 2, LABEL_WIDTH + PLOT_WIDTH, y + LANE_HEIGHT / 2));
        // Running first, the blocking states over it, the GIL model's under the lane.
        for (int layer = 0; layer < 3; layer++) {
            Merged current = null;
            for (Timeline.Span span : lane.spans()) {
                if (layer(span.state()) != layer) {
                    continue;
                }
                double x0 = x(timeline.start(), span.start(), nanos);
                double x1 = Math.max(x0 + 1, x(timeline.start(), span.end(), nanos));
                long spanNanos = Duration.between(span.start(), span.end()).toNanos();
                if (current != null && current.state == span.state() && x0 <= current.x1 + 1) {
                    current.x1 = Math.max(current.x1, x1);
                    current.count++;
                    current.nanos += spanNanos;
                } else {
                    if (current != null) {
                        current.draw(svg, y, nanos / PLOT_WIDTH);
                    }
                    current = new Merged(span.state(), x0, x1, span.detail(), spanNanos);
                }
            }
            if (current != null) {
                current.draw(svg, y, nanos / PLOT_WIDTH);
            }
        }
    }

    private static int layer(Timeline.State state) {
        return state == Timeline.State.RUNNING ? 0 : state.ofTheGil() ? 2 : 1;
    }

    /** Spans of one state closer than a pixel, drawn as one rectangle. */
    private static final class Merged {
        final Timeline.State state;
        final double x0;
        double x1;
        final String first;
        int count = 1;
        long nanos;

        Merged(Timeline.State state, double x0, double x1, String first, long nanos) {
            this.state = state;
            this.x0 = x0;
            this.x1 = x1;
            this.first = first;
            this.nanos = nanos;
        }

        /**
         * Drawn as solid as the share of its width the state really took: a holder that parks for
         * a moment every switch interval shows as a faint band over its running samples, not as a
         * thread that parked throughout.
         */
        void draw(StringBuilder svg, int y, double nanosPerPixel) {
            String title = count == 1 ? first : String.format(Locale.ROOT, "%s: %,d times, %s in all; the first: %s",
                    state.name().toLowerCase(Locale.ROOT), count, Timeline.millis(Duration.ofNanos(nanos)), first);
            double share = Math.min(1, nanos / Math.max(1, (x1 - x0) * nanosPerPixel));
            int top = state.ofTheGil() ? LANE_HEIGHT - 4 : state == Timeline.State.RUNNING ? 6 : 2;
            int height = state.ofTheGil() ? 3 : LANE_HEIGHT - 2 * top;
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"%.2f\"><title>%s</title></rect>%n",
                    state.name().toLowerCase(Locale.ROOT).replace('_', '-'), LABEL_WIDTH + x0, y + top, x1 - x0, height,
                    COLOURS.get(state), state == Timeline.State.RUNNING ? 1 : Math.max(0.25, share), escape(title)));
        }
    }

    private static double x(Instant start, Instant at, double nanos) {
        return Math.max(0, Math.min(PLOT_WIDTH, Duration.between(start, at).toNanos() / nanos * PLOT_WIDTH));
    }

    private static String at(Instant start, Instant at) {
        return seconds(Duration.between(start, at).toNanos());
    }

    private static String seconds(double nanos) {
        double s = nanos / 1e9;
        return s >= 10 ? String.format(Locale.ROOT, "%.1f s", s) : s >= 1 ? String.format(Locale.ROOT, "%.2f s", s)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1))));
        for (double multiple : new double[] {1, 2, 5, 10}) {
            if (multiple * power >= rough) {
                return multiple * power;
            }
        }
        return 10 * power;
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
