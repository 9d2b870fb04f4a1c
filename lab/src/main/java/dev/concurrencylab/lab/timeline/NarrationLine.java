package dev.concurrencylab.lab.timeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One line a lesson told its reader, recorded on the flight recorder's clock: the timeline's marks. */
@Name("dev.concurrencylab.NarrationLine")
@Label("Narration line")
@Category("Concurrency Lab")
@Description("A line of a lesson's narration, at the moment it was said")
@StackTrace(false)
public final class NarrationLine extends Event {

    @Label("Text")
    String text;

    NarrationLine(String text) {
        this.text = text;
    }
}
