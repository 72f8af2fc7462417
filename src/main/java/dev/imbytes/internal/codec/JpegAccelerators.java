package dev.imbytes.internal.codec;

/**
 * Finds the JPEG accelerator for this JVM, once. On Java 22+ the multi-release jar holds an FFM
 * binding to the system's libturbojpeg; on Java 17, on a system without that library, or with
 * {@code -Dimbytes.turbojpeg=false}, there is none and OpenCV's own codec is used.
 */
public final class JpegAccelerators {
    private JpegAccelerators() {
    }

    /** The system property that turns the accelerator off when set to {@code false}. */
    public static final String PROPERTY = "imbytes.turbojpeg";

    private static final String IMPLEMENTATION = "dev.imbytes.internal.codec.turbo.TurboJpegAccelerator";

    private static final class Holder {
        static final JpegAccelerator ACTIVE = find();
    }

    /** The active accelerator, or {@code null} when OpenCV's codec is used. */
    public static JpegAccelerator active() {
        return Holder.ACTIVE;
    }

    /** Which JPEG codec is active, for {@code --version} and {@code info}. */
    public static String description() {
        JpegAccelerator a = active();
        return a != null ? a.description() : "OpenCV bundled libjpeg-turbo (no SIMD)";
    }

    private static JpegAccelerator find() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            return null;
        }
        try {
            Class<?> c = Class.forName(IMPLEMENTATION);
            Object candidate = c.getMethod("load").invoke(null);
            return candidate instanceof JpegAccelerator a ? a : null;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null; // absent on this JVM or this system: OpenCV's codec serves
        }
    }
}
