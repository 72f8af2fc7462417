package dev.imbytes.internal.nativelib;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Core;

/**
 * The OpenCV natives a JVM may already have, or may get from the application's own loader, before
 * imbytes loads its copy. Two copies of the same library in one process mean twice the memory, two
 * sets of native state, and Mats made by one copy freed by the other; these checks let
 * {@link NativeLibrary} use the application's copy instead.
 */
final class ExistingOpenCv {
    private ExistingOpenCv() {
    }

    /**
     * Whether OpenCV's Java natives are already bound for {@code org.opencv.core.Core}'s class loader,
     * e.g. because the application called {@code nu.pattern.OpenCV.loadLocally()} or
     * {@code System.loadLibrary(Core.NATIVE_LIBRARY_NAME)} first. A version query is the probe: it
     * has no side effect, and the JVM throws {@link UnsatisfiedLinkError} when no loaded library has
     * the symbol (a failed link is retried at the next call, so probing early costs nothing later).
     */
    static boolean alreadyBound() {
        try {
            return Core.getVersionString() != null;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    /** The library's platform file name, e.g. {@code libopencv_java490.so}, from the Java classes' own name for it. */
    static String fileName() {
        return System.mapLibraryName(Core.NATIVE_LIBRARY_NAME);
    }

    /**
     * The file that {@code System.loadLibrary(Core.NATIVE_LIBRARY_NAME)} (and so openpnp's
     * {@code OpenCV.loadShared()}, which tries it first) would load from {@code libraryPath}, or
     * {@code null}. Loading this very file lets the application's later call find it already loaded
     * (the JVM keys loaded libraries by canonical path), so the process keeps one copy.
     *
     * <p>Only absolute entries are searched: a relative one (such as {@code .} on macOS) would load
     * whatever library sits in the working directory, which a converter of untrusted files must not do.
     *
     * @param libraryPath the value of {@code java.library.path}
     * @param fileName    the platform file name ({@link #fileName()})
     */
    static Path onLibraryPath(String libraryPath, String fileName) {
        if (libraryPath == null || libraryPath.isEmpty()) {
            return null;
        }
        for (String entry : libraryPath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                Path dir = Path.of(entry);
                Path file = dir.resolve(fileName);
                if (dir.isAbsolute() && Files.isRegularFile(file)) {
                    return file;
                }
            } catch (java.nio.file.InvalidPathException e) {
                // an entry the JVM could not search either
            }
        }
        return null;
    }
}
