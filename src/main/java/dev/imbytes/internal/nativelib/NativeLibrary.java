package dev.imbytes.internal.nativelib;

import dev.imbytes.NativeLibraryException;

/**
 * Makes OpenCV's native library available, once, lazily and thread-safely, on first use. Every
 * internal entry point that touches OpenCV calls {@link #ensureLoaded()} first, so users never call
 * a loader themselves.
 *
 * <p>One copy per process, in this order:
 * <ol>
 * <li>If OpenCV's natives are already bound (the application loaded them, by any means), imbytes
 *     uses them and loads nothing.</li>
 * <li>If {@code java.library.path} holds the library under the name the Java classes ask for
 *     ({@code Core.NATIVE_LIBRARY_NAME}), that file is loaded: a later
 *     {@code System.loadLibrary(Core.NATIVE_LIBRARY_NAME)} or {@code nu.pattern.OpenCV.loadShared()}
 *     by the application then finds it already loaded.</li>
 * <li>Otherwise the copy bundled in the {@code org.openpnp:opencv} jar is loaded from a per-user
 *     cache ({@link NativeCache}: extracted once, reused by every later JVM).</li>
 * <li>When the cache cannot be used — the folder is not writable, the copy cannot be loaded (e.g. a
 *     {@code noexec} mount), the platform has no bundled library we know of, or
 *     {@code -Dimbytes.nativeCache=false} — {@code nu.pattern.OpenCV.loadLocally()} extracts it into
 *     a new temporary folder.</li>
 * </ol>
 * openpnp's {@code loadLocally()} always extracts and loads a fresh copy, so an application that
 * calls it must do so before its first imbytes call (see the README). {@link #source()} tells which
 * step served.
 *
 * <p>Each step passed over, and the one that served, is logged once through {@link System.Logger}
 * (logger {@code dev.imbytes.internal.nativelib.NativeLibrary}) at {@code DEBUG}, so that nothing
 * reaches stderr under the JDK's default logging; a failure is also thrown, with the same reasons.
 */
public final class NativeLibrary {
    private NativeLibrary() {
    }

    // Holder idiom: the JVM runs the static initialiser exactly once, under its class-init lock.
    private static final class Holder {
        static final Throwable FAILURE = load();
    }

    /**
     * Set to {@code false} to skip the cache: the bundled library is then loaded with
     * {@code nu.pattern.OpenCV.loadLocally()} (unless the application's copy or one on
     * {@code java.library.path} serves first).
     */
    public static final String CACHE_PROPERTY = "imbytes.nativeCache";

    /** What {@link #source()} says when the application had bound OpenCV before imbytes' first call. */
    public static final String LOADED_BY_APPLICATION = "already loaded by the application";

    private static volatile String source = "not loaded";

    private static final System.Logger LOG = System.getLogger(NativeLibrary.class.getName());

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
                    + ": " + failure.getMessage(), failure);
        }
    }

    /**
     * Where the library came from: {@value #LOADED_BY_APPLICATION}, {@code "java.library.path (<file>)"},
     * the cached file's path, or {@code "nu.pattern.OpenCV.loadLocally (<why the cache was not used>)"}.
     */
    public static String source() {
        ensureLoaded();
        return source;
    }

    private static Throwable load() {
        Throwable failure = loadInOrder();
        if (failure == null) {
            LOG.log(System.Logger.Level.DEBUG, "OpenCV {0} loaded from {1}", org.opencv.core.Core.VERSION, source);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "OpenCV could not be loaded: {0}", failure.getMessage());
        }
        return failure;
    }

    private static Throwable loadInOrder() {
        if (ExistingOpenCv.alreadyBound()) {
            LOG.log(System.Logger.Level.DEBUG, "OpenCV is already loaded by the application: imbytes uses that copy");
            source = LOADED_BY_APPLICATION;
            return null;
        }
        if (fromLibraryPath()) {
            return null;
        }
        String why = fromCache();
        if (why == null) {
            return null;
        }
        LOG.log(System.Logger.Level.DEBUG, "native cache not used ({0}): falling back to nu.pattern.OpenCV.loadLocally()", why);
        try {
            nu.pattern.OpenCV.loadLocally();
            source = "nu.pattern.OpenCV.loadLocally (" + why + ")";
            return null;
        } catch (Throwable t) {
            return new UnsatisfiedLinkError(why + "; the standard loader failed too: " + rootCause(t));
        }
    }

    /** The innermost cause's message: the loader wraps the real reason in initialiser errors. */
    private static String rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getClass().getSimpleName() + ": " + root.getMessage() : root.toString();
    }

    /** Loads the library found on {@code java.library.path}, if any; {@code true} when it served. */
    private static boolean fromLibraryPath() {
        java.nio.file.Path file = ExistingOpenCv.onLibraryPath(System.getProperty("java.library.path"), ExistingOpenCv.fileName());
        if (file == null) {
            return false;
        }
        try {
            System.load(file.toAbsolutePath().toString());
            source = "java.library.path (" + file.toAbsolutePath() + ")";
            return true;
        } catch (UnsatisfiedLinkError e) {
            // e.g. built for another architecture: the bundled copy still serves
            LOG.log(System.Logger.Level.DEBUG, "cannot load {0} from java.library.path ({1}): using the bundled copy",
                    file.toAbsolutePath(), e.getMessage());
            return false;
        }
    }

    /** Loads from the cache; {@code null} on success, otherwise why not. */
    private static String fromCache() {
        if ("false".equalsIgnoreCase(System.getProperty(CACHE_PROPERTY, "true"))) {
            return "cache off by -D" + CACHE_PROPERTY + "=false";
        }
        String resource = NativeCache.resourcePath(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        java.net.URL url = resource == null ? null : nu.pattern.OpenCV.class.getResource(resource);
        if (url == null) {
            return "no bundled library known for this platform";
        }
        java.nio.file.Path file;
        try {
            file = NativeCache.ensureExtracted(url, NativeCache.defaultRoot());
        } catch (java.io.IOException | RuntimeException e) {
            return "cache not usable: " + e;
        }
        try {
            System.load(file.toAbsolutePath().toString());
            source = file.toAbsolutePath().toString();
            return null;
        } catch (UnsatisfiedLinkError e) {
            boolean intact = NativeCache.verifyOrDelete(url, file);
            return "cannot load " + file + (intact ? "" : " (damaged copy removed)") + ": " + e.getMessage();
        }
    }
}
