package dev.concurrencylab.core;

import java.time.Duration;

/**
 * The one scale factor behind every timeout in the project, in lessons and in tests alike.
 *
 * <p>A timeout here is a promise that something will not hang, never a measurement: a slow or
 * loaded machine may take longer to reach a state, but it must reach it. Set the factor to 2 or 4
 * on such a machine with {@code -Dconcurrencylab.timeout.factor=4} (or the environment variable
 * {@code CONCURRENCYLAB_TIMEOUT_FACTOR}); every wait stretches together.
 */
public final class Timeouts {

    /** System property holding the factor. */
    public static final String FACTOR_PROPERTY = "concurrencylab.timeout.factor";

    /** Environment variable read when the property is not set. */
    public static final String FACTOR_ENVIRONMENT = "CONCURRENCYLAB_TIMEOUT_FACTOR";

    private Timeouts() {}

    /** The current factor: 1 unless the property or the environment says otherwise. */
    public static double factor() {
        String text = System.getProperty(FACTOR_PROPERTY);
        if (text == null || text.isBlank()) {
            text = System.getenv(FACTOR_ENVIRONMENT);
        }
        if (text == null || text.isBlank()) {
            return 1.0;
        }
        double factor;
        try {
            factor = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    FACTOR_PROPERTY + " must be a positive number, not '" + text + "'", e);
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException(
                    FACTOR_PROPERTY + " must be a positive number, not '" + text + "'");
        }
        return factor;
    }

    /** {@code base} stretched by the factor. */
    public static Duration scaled(Duration base) {
        return Duration.ofNanos(Math.round(base.toNanos() * factor()));
    }

    /** {@code seconds} stretched by the factor. */
    public static Duration seconds(double seconds) {
        return scaled(Duration.ofNanos(Math.round(seconds * 1e9)));
    }
}
