package dev.imbytes.internal.codec;

import dev.imbytes.internal.nativelib.NativeLibrary;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencv.core.Core;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * What the loaded OpenCV build really has, found at runtime from its build information and
 * {@code haveImageWriter}. It knows nothing about formats: each {@link dev.imbytes.Format} row
 * names its codec's build-information key and asks here ({@code Format.canRead()},
 * {@code canWrite()}), so the static facts stay in the one table and only the facts of this
 * process's native library live here.
 */
public final class Codecs {
    private Codecs() {
    }

    /** The "Media I/O" lines of {@code Core.getBuildInformation()}, key (with its colon) → value; read once. */
    private static final class Media {
        static final Map<String, String> LINES = parse(Core.getBuildInformation());
    }

    /** Answers of {@code haveImageWriter} by extension: a native call, asked once per extension. */
    private static final Map<String, Boolean> WRITERS = new ConcurrentHashMap<>();

    /**
     * Whether the loaded OpenCV has a codec compiled in under {@code buildInfoKey} (a line of the
     * build information's "Media I/O" section such as {@code "JPEG 2000:"}; empty: always compiled
     * in), and, when {@code enablingVariable} is not null, that variable switched it on at start-up.
     */
    public static boolean compiledIn(String buildInfoKey, String enablingVariable) {
        NativeLibrary.ensureLoaded(); // "can read" means the native library is there too
        if (enablingVariable != null && !switchedOn(System.getenv(enablingVariable))) {
            return false; // asking OpenCV about a disabled codec prints a warning on stderr
        }
        if (buildInfoKey.isEmpty()) {
            return true;
        }
        String value = Media.LINES.get(buildInfoKey);
        return value != null && !value.toUpperCase(Locale.ROOT).startsWith("NO");
    }

    /** Whether the loaded OpenCV has an encoder for {@code extension} (e.g. {@code ".webp"}). */
    public static boolean hasWriter(String extension) {
        NativeLibrary.ensureLoaded();
        return WRITERS.computeIfAbsent(extension, e -> Imgcodecs.haveImageWriter("x" + e));
    }

    private static boolean switchedOn(String v) {
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")
                || v.equalsIgnoreCase("yes"));
    }

    static Map<String, String> parse(String info) {
        int start = info.indexOf("Media I/O");
        int end = info.indexOf("Video I/O");
        String media = start < 0 ? "" : info.substring(start, end > start ? end : info.length());
        Map<String, String> lines = new HashMap<>();
        for (String line : media.split("\n")) {
            String t = line.trim();
            int colon = t.indexOf(':');
            if (colon > 0) {
                lines.putIfAbsent(t.substring(0, colon + 1), t.substring(colon + 1).trim());
            }
        }
        return lines;
    }
}
