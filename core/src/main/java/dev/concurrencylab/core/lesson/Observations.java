package dev.concurrencylab.core.lesson;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a lesson saw, in the order it saw it: named numbers, booleans and lists, each with one
 * line that says what it means.
 *
 * <p>Keys are {@code snake_case}; a duration in seconds ends in {@code _s}, in milliseconds
 * {@code _ms}, in microseconds {@code _us}; a ratio is a plain number. The keys each lesson must
 * carry are listed in {@code shared/docs/LESSONS.md}.
 */
public final class Observations {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** One observed value and what it means. */
    public record Observation(String key, Object value, String meaning) {}

    private final Map<String, Observation> entries = new LinkedHashMap<>();
    private String conclusion = "";

    public Observations put(String key, long value, String meaning) {
        return add(key, value, meaning);
    }

    public Observations put(String key, double value, String meaning) {
        return add(key, value, meaning);
    }

    public Observations put(String key, boolean value, String meaning) {
        return add(key, value, meaning);
    }

    /** A list of numbers, booleans or short strings (names). */
    public Observations put(String key, List<?> values, String meaning) {
        for (Object value : values) {
            if (!(value instanceof Number || value instanceof Boolean || value instanceof String)) {
                throw new IllegalArgumentException(
                        key + ": lists hold numbers, booleans or strings, not " + value);
            }
        }
        return add(key, List.copyOf(values), meaning);
    }

    private Observations add(String key, Object value, String meaning) {
        Objects.requireNonNull(meaning, "meaning");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("observation keys are snake_case, not '" + key + "'");
        }
        if (entries.putIfAbsent(key, new Observation(key, value, meaning)) != null) {
            throw new IllegalArgumentException("observation '" + key + "' was already recorded");
        }
        return this;
    }

    /** One sentence that sums up what this run showed; the tour prints it in its summary. */
    public Observations conclude(String sentence) {
        this.conclusion = Objects.requireNonNull(sentence, "sentence");
        return this;
    }

    public String conclusion() {
        return conclusion;
    }

    /** The observations in the order they were recorded. */
    public List<Observation> list() {
        return List.copyOf(entries.values());
    }

    /** Key to value, in the order recorded. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        entries.forEach((key, observation) -> values.put(key, observation.value()));
        return Collections.unmodifiableMap(values);
    }

    /** The value under {@code key}; fails loudly when there is none. */
    public Object get(String key) {
        Observation observation = entries.get(key);
        if (observation == null) {
            throw new IllegalArgumentException("no observation '" + key + "'; have " + entries.keySet());
        }
        return observation.value();
    }

    public double number(String key) {
        return ((Number) get(key)).doubleValue();
    }

    public boolean flag(String key) {
        return (Boolean) get(key);
    }
}
