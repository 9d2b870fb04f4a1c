package dev.concurrencylab.core.lesson;

import dev.concurrencylab.core.measure.Load;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a lesson saw, in the order it saw it: named numbers, booleans and lists, each with its
 * unit and one line that says what it means.
 *
 * <p>Keys are {@code snake_case}, and the unit follows from the key (see {@link #unitOf}): a
 * duration in seconds ends in {@code _s}, in milliseconds {@code _ms}, in microseconds
 * {@code _us} (a channel's name may follow, as in {@code round_trip_us_pipe}); a rate has
 * {@code per_s}; a speedup or a parallelism is a ratio; a whole number without a unit is a count.
 */
public final class Observations {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** One observed value, its unit and what it means. */
    public record Observation(String key, Object value, String unit, String meaning) {}

    private final Map<String, Observation> entries = new LinkedHashMap<>();
    private String conclusion = "";
    private Load load;

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

    /**
     * The cores that were free while the lesson measured: {@code free_cores}, {@code cores_needed}
     * and {@code machine_busy}. A lesson that reports a speedup or a parallelism records this,
     * once, so that its reader (and the launcher) can tell a finding from a busy machine.
     */
    public Observations load(Load measured) {
        if (load != null) {
            throw new IllegalArgumentException("the load was already recorded");
        }
        load = Objects.requireNonNull(measured, "measured");
        return add("free_cores", measured.freeCores(), "cores other processes left free while this lesson measured (in interleaved rounds: while the variant that got the fewest ran)")
                .add("cores_needed", measured.needed(), "free cores the lesson's effect needs to show")
                .add("machine_busy", measured.busy(), "too few cores were free: the figures that need them are a busy machine's, not the lesson's result");
    }

    /** The load recorded with {@link #load(Load)}, if the lesson measured one. */
    public Optional<Load> load() {
        return Optional.ofNullable(load);
    }

    private Observations add(String key, Object value, String meaning) {
        Objects.requireNonNull(meaning, "meaning");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("observation keys are snake_case, not '" + key + "'");
        }
        if (entries.putIfAbsent(key, new Observation(key, value, unitOf(key, value), meaning)) != null) {
            throw new IllegalArgumentException("observation '" + key + "' was already recorded");
        }
        return this;
    }

    /**
     * The unit a key's name gives its value: {@code s}, {@code ms}, {@code us}, {@code ns}; {@code MB/s},
     * {@code million/s}, {@code messages/s}, or {@code 1/s} for other rates; {@code x} for a
     * speedup; {@code cores} for a parallelism or a number of cores; {@code bytes}; {@code boolean};
     * {@code count} for other whole numbers; {@code number} for other fractions; lists take the
     * unit of their items, {@code text} for names.
     */
    public static String unitOf(String key, Object value) {
        List<String> words = List.of(key.split("_"));
        int per = words.indexOf("per");
        if (per >= 0 && per + 1 < words.size() && words.get(per + 1).equals("s")) {
            String what = per > 0 ? words.get(per - 1) : "";
            return switch (what) {
                case "mb" -> "MB/s";
                case "m" -> "million/s";
                case "msgs" -> "messages/s";
                default -> "1/s";
            };
        }
        for (String word : words) {
            switch (word) {
                case "s", "ms", "us", "ns" -> {
                    return word;
                }
                case "speedup" -> {
                    return "x";
                }
                case "parallelism", "cores" -> {
                    return "cores";
                }
                case "bytes" -> {
                    return "bytes";
                }
                default -> { }
            }
        }
        return switch (value) {
            case Boolean b -> "boolean";
            case List<?> list when list.stream().allMatch(item -> item instanceof String) && !list.isEmpty() -> "text";
            case List<?> list -> "count";
            case Double d -> "number";
            default -> "count";
        };
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

    /** A list of whole numbers, as longs whatever their boxed type. */
    public List<Long> longs(String key) {
        return ((List<?>) get(key)).stream().map(value -> ((Number) value).longValue()).toList();
    }

    public boolean flag(String key) {
        return (Boolean) get(key);
    }
}
