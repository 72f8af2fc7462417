package dev.imbytes.internal.codec;

/**
 * Finds the JPEG accelerator for this JVM, once. On Java 22+ the multi-release jar holds an FFM
 * binding to the system's libturbojpeg; on Java 17, on a system without that library, or with
 * {@code -Dimbytes.turbojpeg=false}, there is none and OpenCV's own codec is used.
 *
 * <p>The choice is logged once through {@link System.Logger} (logger {@code dev.imbytes.internal.codec.JpegAccelerators}),
 * with why the accelerator was not used, at {@code DEBUG}: not {@code INFO}, because the JDK's
 * default logging prints {@code INFO} on stderr and the library promises to print nothing.
 */
public final class JpegAccelerators {
    private JpegAccelerators() {
    }

    /** The system property that turns the accelerator off when set to {@code false}. */
    public static final String PROPERTY = "imbytes.turbojpeg";

    private static final String IMPLEMENTATION = "dev.imbytes.internal.codec.turbo.TurboJpegAccelerator";

    private static final System.Logger LOG = System.getLogger(JpegAccelerators.class.getName());

    private static final String OPENCV_CODEC = "OpenCV bundled libjpeg-turbo (no SIMD)";

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
        return a != null ? a.description() : OPENCV_CODEC;
    }

    private static JpegAccelerator find() {
        JpegAccelerator found = null;
        String whyNot = null;
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"))) {
            whyNot = "turned off by -D" + PROPERTY + "=false";
        } else {
            try {
                Object candidate = Class.forName(IMPLEMENTATION).getMethod("load").invoke(null);
                found = candidate instanceof JpegAccelerator a ? a : null;
                whyNot = found == null ? "the system libturbojpeg is missing, lacks a function or the 1/2, 1/4, 1/8 "
                        + "scaling, or native access is denied" : null;
            } catch (ClassNotFoundException e) {
                whyNot = "it needs Java 22 or later (FFM); this is Java " + Runtime.version().feature();
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                whyNot = "it failed to start: " + e; // absent on this JVM or this system: OpenCV's codec serves
            }
        }
        if (whyNot != null) {
            LOG.log(System.Logger.Level.DEBUG, "JPEG accelerator not used: {0}", whyNot);
        }
        LOG.log(System.Logger.Level.DEBUG, "JPEG codec: {0}",
                found != null ? found.description() : OPENCV_CODEC);
        return found;
    }
}
