package dev.imbytes.internal.codec.turbo;

import java.util.List;

/**
 * Opens the system's libturbojpeg through one mechanism. Which mechanism is tried, and in what
 * order, is {@link dev.imbytes.internal.codec.JpegAccelerators}' decision; this class only knows how
 * to open each without linking to what may be absent: {@code FfmBinding} exists only in the Java
 * 22+ part of the jar, and {@link JnaBinding} needs JNA, an optional dependency. Both are reached
 * by reflection, so neither missing is a {@code NoClassDefFoundError}.
 */
public final class TurboJpegBindings {
    private TurboJpegBindings() {
    }

    /** The system property naming another library file or path to open instead of the defaults. */
    public static final String LIBRARY_PROPERTY = "imbytes.turbojpeg.library";

    /** The mechanisms: FFM (Java 22+) and JNA (JNA on the class path). */
    public enum Mechanism {
        /** {@code java.lang.foreign}, from the multi-release part of the jar. */
        FFM("dev.imbytes.internal.codec.turbo.FfmBinding"),
        /** JNA's direct mapping. */
        JNA("dev.imbytes.internal.codec.turbo.JnaBinding");

        private final String implementation;

        Mechanism(String implementation) {
            this.implementation = implementation;
        }
    }

    /** Why a mechanism could not open the library; the message says it in words for the DEBUG log. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    /**
     * Opens the library through {@code mechanism}, trying each candidate name in turn.
     *
     * @throws Unavailable with the reason when it cannot
     */
    public static TurboJpegBinding open(Mechanism mechanism) throws Unavailable {
        if (mechanism == Mechanism.FFM && Runtime.version().feature() < 22) {
            throw new Unavailable("FFM needs Java 22 or later; this is Java " + Runtime.version().feature(), null);
        }
        if (mechanism == Mechanism.JNA && !present("com.sun.jna.Native")) {
            throw new Unavailable("JNA (net.java.dev.jna:jna) is not on the class path", null);
        }
        Class<?> impl;
        try {
            impl = Class.forName(mechanism.implementation);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new Unavailable(mechanism + " binding class missing (not a multi-release jar, or run from class "
                    + "folders without META-INF/versions/22): " + e, e);
        }
        Throwable last = null;
        for (String name : candidates()) {
            try {
                return (TurboJpegBinding) impl.getMethod("open", String.class).invoke(null, name);
            } catch (java.lang.reflect.InvocationTargetException e) {
                last = e.getCause();
                if (last instanceof VirtualMachineError vme) {
                    throw vme;
                }
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                last = e;
            }
        }
        throw new Unavailable("the system libturbojpeg could not be opened through " + mechanism + " (tried "
                + candidates() + "): " + last, last);
    }

    /** The library names to try: the one given by {@value #LIBRARY_PROPERTY}, or the usual ones. */
    static List<String> candidates() {
        String override = System.getProperty(LIBRARY_PROPERTY);
        if (override != null && !override.isBlank()) {
            return List.of(override.trim());
        }
        // Linux (Debian/Ubuntu libturbojpeg0, Fedora turbojpeg); macOS (Homebrew jpeg-turbo), untested.
        return List.of("libturbojpeg.so.0", "libturbojpeg.0.dylib");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, TurboJpegBindings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
