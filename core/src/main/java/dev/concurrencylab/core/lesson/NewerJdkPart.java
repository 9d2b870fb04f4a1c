package dev.concurrencylab.core.lesson;

import java.util.Optional;

/**
 * The part of a lesson that needs a newer JDK than the baseline, 21, loaded by name.
 *
 * <p>A module's {@code src/main/java22} (APIs final in JDK 22, such as the FFM API) and
 * {@code src/main/java25-preview} (JDK 25's preview APIs, such as structured concurrency) are
 * compiled only when the build's toolchain has that JDK (the parent pom's
 * {@code build-support/ToolchainRelease.java}). The release-21 lesson never names those classes in
 * its code; it asks for them here, and when one is not in the build or cannot run on this JVM,
 * {@link #unavailable()} says why in a sentence instead of a {@code NoClassDefFoundError}.
 *
 * @param <T> the release-21 interface the newer class implements
 */
public final class NewerJdkPart<T> {

    private final T part;
    private final String unavailable;

    private NewerJdkPart(T part, String unavailable) {
        this.part = part;
        this.unavailable = unavailable;
    }

    /** A part from {@code src/main/java22}: any JDK 22 or newer runs it. */
    public static <T> NewerJdkPart<T> fromJdk22(Class<T> type, String className) {
        return load(type, className, 22, false, Runtime.version().feature(), previewEnabled());
    }

    /** A part from {@code src/main/java25-preview}: only JDK 25, with {@code --enable-preview}, runs it. */
    public static <T> NewerJdkPart<T> fromJdk25Preview(Class<T> type, String className) {
        return load(type, className, 25, true, Runtime.version().feature(), previewEnabled());
    }

    static <T> NewerJdkPart<T> load(Class<T> type, String className, int release, boolean preview, int running,
                                    boolean previewEnabled) {
        String sources = preview ? "src/main/java" + release + "-preview" : "src/main/java" + release;
        // As ServiceLoader finds the lessons: through the context class loader, else the one that loaded core.
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : NewerJdkPart.class.getClassLoader();
        if (loader.getResource(className.replace('.', '/') + ".class") == null) {
            return absent("not in this build: its toolchain was not JDK " + release + (preview ? "" : " or newer")
                    + ", so the module's " + sources + " was not compiled (build with JAVA_HOME set to a JDK " + release
                    + (preview ? "" : " or newer") + " to get it)");
        }
        if (running < release) {
            return absent("needs JDK " + release + (preview ? "" : " or newer") + "; this JVM is JDK " + running);
        }
        if (preview && running != release) {
            return absent("uses a preview API of JDK " + release + ", which only JDK " + release
                    + " runs (previews change from one JDK to the next); this JVM is JDK " + running);
        }
        if (preview && !previewEnabled) {
            return absent("uses a preview API of JDK " + release + ": run it with java --enable-preview "
                    + "(./concurrency-lab and the build's tests pass it)");
        }
        try {
            Class<? extends T> loaded = Class.forName(className, true, loader).asSubclass(type);
            return new NewerJdkPart<>(loaded.getDeclaredConstructor().newInstance(), null);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return absent("could not be loaded on this JVM (" + e + ")");
        }
    }

    private static <T> NewerJdkPart<T> absent(String why) {
        return new NewerJdkPart<>(null, why);
    }

    /** Whether this JVM was started with {@code --enable-preview}. */
    private static boolean previewEnabled() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("--enable-preview");
    }

    /** The part, or empty when it is unavailable. */
    public Optional<T> get() {
        return Optional.ofNullable(part);
    }

    /** The part; an IllegalStateException naming {@code what} and the reason when it is unavailable. */
    public T orElseThrow(String what) {
        if (part == null) {
            throw new IllegalStateException(what + " is unavailable: " + unavailable);
        }
        return part;
    }

    /** Why the part cannot run here, or empty when it can. */
    public Optional<String> unavailable() {
        return Optional.ofNullable(unavailable);
    }
}
