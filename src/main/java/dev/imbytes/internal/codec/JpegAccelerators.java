package dev.imbytes.internal.codec;

import dev.imbytes.internal.codec.turbo.TurboJpegAccelerator;
import dev.imbytes.internal.codec.turbo.TurboJpegBinding;
import dev.imbytes.internal.codec.turbo.TurboJpegBindings;
import dev.imbytes.internal.codec.turbo.TurboJpegBindings.Mechanism;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the JPEG accelerator for this JVM, once: the system's libturbojpeg through FFM on Java 22+,
 * through JNA below (when JNA is on the class path: the CLI jar has it, a library user adds it);
 * otherwise, or with {@code -Dimbytes.turbojpeg=false}, none, and OpenCV's own codec is used.
 * {@code -Dimbytes.turbojpeg.binding=ffm|jna|none} forces one mechanism (for tests and benchmarks);
 * {@code auto}, the default, tries FFM then JNA.
 *
 * <p>The choice is logged once through {@link System.Logger} (logger {@code dev.imbytes.internal.codec.JpegAccelerators}),
 * with why each mechanism was not used, at {@code DEBUG}: not {@code INFO}, because the JDK's
 * default logging prints {@code INFO} on stderr and the library promises to print nothing.
 */
public final class JpegAccelerators {
    private JpegAccelerators() {
    }

    /** The system property that turns the accelerator off when set to {@code false}. */
    public static final String PROPERTY = "imbytes.turbojpeg";

    /** The system property that picks the binding: {@code auto} (default), {@code ffm}, {@code jna} or {@code none}. */
    public static final String BINDING_PROPERTY = "imbytes.turbojpeg.binding";

    private static final System.Logger LOG = System.getLogger(JpegAccelerators.class.getName());

    private static final String OPENCV_CODEC = "OpenCV bundled libjpeg-turbo (no SIMD)";

    private static final class Holder {
        static final TurboJpegAccelerator ACTIVE = find();
    }

    /** The active accelerator, or {@code null} when OpenCV's codec is used. */
    public static JpegAccelerator active() {
        return Holder.ACTIVE;
    }

    /** The binding to the system's libturbojpeg in use, or {@code null} when OpenCV's codec is used. */
    public static TurboJpegBinding binding() {
        TurboJpegAccelerator a = Holder.ACTIVE;
        return a == null ? null : a.binding();
    }

    /** Which JPEG codec is active, for {@code --version}, {@code info} and {@code bench}. */
    public static String description() {
        JpegAccelerator a = active();
        return a != null ? a.description() : OPENCV_CODEC;
    }

    /** The mechanisms to try, in order, as {@value #BINDING_PROPERTY} and {@value #PROPERTY} ask. */
    static List<Mechanism> wanted(String turbojpeg, String binding) {
        if ("false".equalsIgnoreCase(turbojpeg)) {
            return List.of();
        }
        return switch (binding.trim().toLowerCase(Locale.ROOT)) {
            case "ffm" -> List.of(Mechanism.FFM);
            case "jna" -> List.of(Mechanism.JNA);
            case "none" -> List.of();
            case "auto", "" -> List.of(Mechanism.FFM, Mechanism.JNA);
            default -> throw new IllegalArgumentException("-D" + BINDING_PROPERTY + " must be auto, ffm, jna or none; was "
                    + binding);
        };
    }

    private static TurboJpegAccelerator find() {
        String turbojpeg = System.getProperty(PROPERTY, "true");
        String binding = System.getProperty(BINDING_PROPERTY, "auto");
        List<String> whyNot = new ArrayList<>();
        TurboJpegAccelerator found = null;
        List<Mechanism> order;
        try {
            order = wanted(turbojpeg, binding);
        } catch (IllegalArgumentException e) {
            order = List.of();
            whyNot.add(e.getMessage());
        }
        if (order.isEmpty() && whyNot.isEmpty()) {
            whyNot.add("false".equalsIgnoreCase(turbojpeg) ? "turned off by -D" + PROPERTY + "=false"
                    : "turned off by -D" + BINDING_PROPERTY + "=none");
        }
        for (Mechanism m : order) {
            try {
                found = TurboJpegAccelerator.start(TurboJpegBindings.open(m));
                break;
            } catch (TurboJpegBindings.Unavailable e) {
                whyNot.add(e.getMessage());
            } catch (LinkageError | RuntimeException e) { // the library opened but does not work
                whyNot.add(m + " binding failed to start: " + e);
            }
        }
        if (found == null) {
            LOG.log(System.Logger.Level.DEBUG, "JPEG accelerator not used: {0}", String.join("; ", whyNot));
        }
        LOG.log(System.Logger.Level.DEBUG, "JPEG codec: {0}",
                found != null ? found.description() : OPENCV_CODEC);
        return found;
    }
}
