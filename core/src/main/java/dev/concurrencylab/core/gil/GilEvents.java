package dev.concurrencylab.core.gil;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * What the GIL model tells JDK Flight Recorder, so that a timeline shows who held the GIL when:
 * each hold, each wait for it, each forced drop. When nothing records, committing one costs a
 * check of a flag.
 */
final class GilEvents {

    private GilEvents() {}

    @Name("dev.concurrencylab.GilHeld")
    @Label("GIL held")
    @Category({"Concurrency Lab", "GIL model"})
    @Description("A thread held the modelled GIL, from taking it to releasing it")
    @StackTrace(false)
    static final class Held extends Event {
    }

    @Name("dev.concurrencylab.GilWait")
    @Label("GIL wait")
    @Category({"Concurrency Lab", "GIL model"})
    @Description("A thread waited to take the modelled GIL")
    @StackTrace(false)
    static final class Wait extends Event {
        @Label("Drop requested")
        @Description("whether this waiter asked the holder to drop the GIL after a whole switch interval")
        boolean dropRequested;
    }

    @Name("dev.concurrencylab.GilDrop")
    @Label("GIL dropped on request")
    @Category({"Concurrency Lab", "GIL model"})
    @Description("The holder dropped the GIL because a waiter asked (forced switching), and waited for another to take it")
    @StackTrace(false)
    static final class Drop extends Event {
    }
}
