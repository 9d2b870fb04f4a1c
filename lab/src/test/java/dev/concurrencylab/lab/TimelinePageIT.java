package dev.concurrencylab.lab;

import dev.concurrencylab.core.lesson.Lessons;
import dev.concurrencylab.lab.timeline.Timeline;
import dev.concurrencylab.lab.timeline.TimelinePage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A timeline page as a reader sees it, rendered by a real browser (headless Chromium): it loads
 * with no console message, and the lanes of a known schedule are on the screen, each in the colour
 * of its state: the waiter blocked on the holder's monitor, the holder asleep while it holds it.
 * Skipped, with its reason, where no Chromium is found; CI requires it.
 */
class TimelinePageIT {

    @Test
    void aBrowserShowsTheLanesOfAKnownScheduleAndLogsNoConsoleMessage(@TempDir Path directory) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.foundOrSkip("the timeline page");
        Path page = directory.resolve("timeline.html");
        CapturedLab lab = new CapturedLab();
        int code = lab.run(Lessons.of(List.of(new TimelineTest.MonitorHandoff())), "run", "monitor-handoff", "--timeline", page.toString());
        assertThat(code).as(lab.out() + lab.err()).isZero();

        Path shot = directory.resolve("timeline.png");
        List<String> log = chromium.screenshot(page, shot, 1400, 900); // wider than the page's labels and plot
        assertThat(log).as("the browser's log while it showed the page").noneMatch(line -> line.contains("CONSOLE"));

        BufferedImage seen = ImageIO.read(shot.toFile());
        for (Timeline.State state : List.of(Timeline.State.BLOCKED, Timeline.State.SLEEPING)) {
            long pixels = pixelsOf(seen, Color.decode(TimelinePage.colour(state)));
            System.out.printf("timeline screenshot: %d pixels of %s%n", pixels, state);
            // A lane is 18 pixels high; 100 ms of a run of well under a few seconds is tens of pixels wide.
            assertThat(pixels).as("pixels of the %s colour on screen (see %s)", state, shot).isGreaterThan(100);
        }
    }

    /** Pixels within a few levels of {@code colour}: the browser may round a colour by a step. */
    private static long pixelsOf(BufferedImage image, Color colour) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color pixel = new Color(image.getRGB(x, y));
                if (Math.abs(pixel.getRed() - colour.getRed()) <= 3 && Math.abs(pixel.getGreen() - colour.getGreen()) <= 3
                        && Math.abs(pixel.getBlue() - colour.getBlue()) <= 3) {
                    count++;
                }
            }
        }
        return count;
    }
}
