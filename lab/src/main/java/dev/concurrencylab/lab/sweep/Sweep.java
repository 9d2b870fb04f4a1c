package dev.concurrencylab.lab.sweep;

import dev.concurrencylab.core.lesson.Lesson;
import dev.concurrencylab.core.lesson.LessonContext;
import dev.concurrencylab.core.lesson.Observations;
import dev.concurrencylab.core.lesson.Parameter;
import dev.concurrencylab.core.measure.Summary;
import dev.concurrencylab.lab.compare.Progress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** One lesson run across the values of one of its parameters, in interleaved rounds, and what each run observed. */
public final class Sweep {

    private Sweep() {}

    /**
     * What to run: the lesson, the swept parameter and its values (checked), the other parameters
     * given (fixed), and how many rounds.
     */
    public record Plan(Lesson lesson, Parameter swept, List<Double> values, Map<String, Double> fixed, int rounds) {}

    /** One run: what it observed, or why it failed, and how long it took. */
    public record Sample(Observations observations, String failure, double seconds) {}

    /** Every numeric observation of every run: {@code samples.get(key).get(value)} holds one number per round. */
    public record Result(Plan plan, Map<String, Map<Double, List<Double>>> samples, Map<String, String> units, String failure) {

        /** The numeric observations, in the order the lesson reports them. */
        public List<String> keys() {
            return List.copyOf(samples.keySet());
        }

        /** The median and range of {@code key} at {@code value}. */
        public Summary summary(String key, double value) {
            return Summary.of(samples.get(key).get(value));
        }
    }

    /**
     * The plan for {@code given} ({@code name=v1,v2,...}): exactly one parameter with several values;
     * every name and value checked against what the lesson declares, before anything runs.
     *
     * @throws IllegalArgumentException one line for the reader
     */
    public static Plan plan(Lesson lesson, Map<String, String> given, boolean quick, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        String sweptName = null;
        List<Double> values = new ArrayList<>();
        Map<String, Double> fixed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String[] texts = entry.getValue().split(",");
            List<Double> numbers = new ArrayList<>();
            for (String text : texts) {
                try {
                    numbers.add(Double.parseDouble(text.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(entry.getKey() + " takes numbers, not '" + text.strip() + "'");
                }
            }
            if (numbers.size() == 1) {
                fixed.put(entry.getKey(), numbers.getFirst());
            } else if (sweptName != null) {
                throw new IllegalArgumentException("sweep one parameter at a time: both " + sweptName + " and " + entry.getKey()
                        + " have several values");
            } else {
                sweptName = entry.getKey();
                values.addAll(new LinkedHashSet<>(numbers));
            }
        }
        if (sweptName == null) {
            throw new IllegalArgumentException("give the values to sweep, as -p NAME=V1,V2,...");
        }
        PrintStream nowhere = new PrintStream(PrintStream.nullOutputStream());
        for (double value : values) {
            Map<String, Double> chosen = new LinkedHashMap<>(fixed);
            chosen.put(sweptName, value);
            LessonContext.of(lesson, quick, nowhere, chosen); // checks names and ranges
        }
        String name = sweptName;
        Parameter swept = lesson.parameters().stream().filter(parameter -> parameter.name().equals(name)).findFirst().orElseThrow();
        return new Plan(lesson, swept, List.copyOf(values), Map.copyOf(fixed), rounds);
    }

    /**
     * Runs the plan: every round takes every value once, in the given order in odd rounds and
     * reversed in even ones, so that a machine that slows down during the sweep slows every
     * value alike. Stops at the first run that fails.
     */
    public static Result run(Plan plan, Function<Map<String, Double>, Sample> runner, Progress progress) {
        Map<String, Map<Double, List<Double>>> samples = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        for (int round = 1; round <= plan.rounds(); round++) {
            List<Double> order = new ArrayList<>(plan.values());
            if (round % 2 == 0) {
                order = order.reversed();
            }
            for (double value : order) {
                Map<String, Double> chosen = new LinkedHashMap<>(plan.fixed());
                chosen.put(plan.swept().name(), value);
                Sample sample = runner.apply(chosen);
                String what = String.format("round %d of %d: %s=%s", round, plan.rounds(), plan.swept().name(), Parameter.format(value));
                if (sample.failure() != null) {
                    return new Result(plan, samples, units, what + ": " + sample.failure());
                }
                progress.step(String.format("%s (%.1f s)", what, sample.seconds()));
                for (Observations.Observation observation : sample.observations().list()) {
                    if (observation.value() instanceof Number number && !Double.isNaN(number.doubleValue())) {
                        samples.computeIfAbsent(observation.key(), key -> new LinkedHashMap<>())
                                .computeIfAbsent(value, v -> new ArrayList<>()).add(number.doubleValue());
                        units.putIfAbsent(observation.key(), observation.unit());
                    }
                }
            }
        }
        // A key some value never produced (a lesson that skips a part) would leave a hole in the table.
        Set<String> incomplete = new LinkedHashSet<>();
        samples.forEach((key, byValue) -> {
            if (byValue.size() < plan.values().size()) {
                incomplete.add(key);
            }
        });
        incomplete.forEach(samples::remove);
        return new Result(plan, samples, units, null);
    }
}
