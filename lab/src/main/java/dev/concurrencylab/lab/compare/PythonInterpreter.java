package dev.concurrencylab.lab.compare;

import dev.concurrencylab.core.PythonFacts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CPython interpreter that {@code compare} runs beside Java, under the name the chart shows:
 * its file name ({@code python3.13t}), made unique with {@code #2}, {@code #3} when two share one.
 *
 * @param facts what it said it is: version, GIL, default start method
 * @param index its place among the interpreters of this comparison, from 0
 */
public record PythonInterpreter(String name, PythonFacts facts, int index) {

    /** The interpreters, in the order given, each with a name of its own. */
    public static List<PythonInterpreter> named(List<PythonFacts> pythons) {
        Map<String, Integer> seen = new HashMap<>();
        List<PythonInterpreter> named = new ArrayList<>();
        for (PythonFacts facts : pythons) {
            Path fileName = facts.executable().getFileName();
            String base = fileName == null ? facts.executable().toString() : fileName.toString();
            int count = seen.merge(base, 1, Integer::sum);
            named.add(new PythonInterpreter(count == 1 ? base : base + " #" + count, facts, named.size()));
        }
        return named;
    }

    /** The first interpreter's contenders keep the plain ids; the others' ids say which they are. */
    String idSuffix() {
        return index == 0 ? "" : "@" + name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** "python3.13t: CPython 3.13.0 (GIL disabled: a free-threaded build; multiprocessing starts with fork), /usr/bin/python3.13t". */
    public String describe() {
        return name + ": " + facts.describe() + ", " + facts.executable();
    }
}
