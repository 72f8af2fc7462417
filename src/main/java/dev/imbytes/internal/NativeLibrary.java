package dev.imbytes.internal;

import dev.imbytes.NativeLibraryException;

/**
 * Loads the OpenCV native library bundled in the {@code org.openpnp:opencv} jar, once, lazily and
 * thread-safely, on first use. Every internal entry point that touches OpenCV calls
 * {@link #ensureLoaded()} first, so users never call a loader themselves.
 */
public final class NativeLibrary {
    private NativeLibrary() {
    }

    // Holder idiom: the JVM runs the static initialiser exactly once, under its class-init lock.
    private static final class Holder {
        static final Throwable FAILURE = load();
    }

    /**
     * Loads OpenCV if it is not loaded yet.
     *
     * @throws NativeLibraryException naming the OS, architecture and cause when loading failed
     */
    public static void ensureLoaded() {
        Throwable failure = Holder.FAILURE;
        if (failure != null) {
            throw new NativeLibraryException("cannot load the OpenCV native library for "
                    + System.getProperty("os.name") + " / " + System.getProperty("os.arch")
                    + ": " + failure, failure);
        }
    }

    private static Throwable load() {
        try {
            nu.pattern.OpenCV.loadLocally();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
