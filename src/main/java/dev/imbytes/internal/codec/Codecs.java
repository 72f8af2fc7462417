package dev.imbytes.internal.codec;

import dev.imbytes.internal.nativelib.NativeLibrary;

import dev.imbytes.Format;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.opencv.core.Core;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Which formats the loaded OpenCV build really reads and writes, found once at runtime from its
 * build information and {@code haveImageWriter}, and which of them OpenCV can only handle through
 * a temporary file (imbytes refuses those rather than touch the disk).
 */
public final class Codecs {
    private Codecs() {
    }

    private static final class Holder {
        static final Set<Format> READ = EnumSet.noneOf(Format.class);
        static final Set<Format> WRITE = EnumSet.noneOf(Format.class);

        static {
            NativeLibrary.ensureLoaded();
            String media = mediaSection(Core.getBuildInformation());
            boolean exr = openExrEnabled();
            for (Format f : Format.values()) {
                if (f == Format.GIF) {
                    continue; // OpenCV 4.9 has no GIF codec at all
                }
                if (f == Format.EXR && !exr) {
                    continue; // asking OpenCV about EXR while it is disabled prints a warning on stderr
                }
                if (builtIn(media, f)) {
                    READ.add(f);
                    if (Imgcodecs.haveImageWriter("x" + f.extension())) {
                        WRITE.add(f);
                    }
                }
            }
        }
    }

    /** Whether the loaded OpenCV decodes {@code format}. */
    public static boolean canRead(Format format) {
        return Holder.READ.contains(format);
    }

    /** Whether the loaded OpenCV encodes {@code format}. */
    public static boolean canWrite(Format format) {
        return Holder.WRITE.contains(format);
    }

    /**
     * Whether OpenCV 4.9 decodes this format from memory. For the others its {@code imdecode}
     * silently writes the bytes to a temporary file first (checked with strace on this build).
     */
    public static boolean decodesInMemory(Format format) {
        return switch (format) {
            case PFM, HDR, SUN_RASTER, EXR -> false;
            default -> true;
        };
    }

    /** Whether OpenCV 4.9 encodes this format to memory (else {@code imencode} goes through a temp file). */
    public static boolean encodesInMemory(Format format) {
        return switch (format) {
            case JPEG2000, PFM, HDR, SUN_RASTER, EXR -> false;
            default -> true;
        };
    }

    private static boolean openExrEnabled() {
        String v = System.getenv("OPENCV_IO_ENABLE_OPENEXR");
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("on")
                || v.equalsIgnoreCase("yes"));
    }

    private static String mediaSection(String info) {
        int start = info.indexOf("Media I/O");
        int end = info.indexOf("Video I/O");
        return start < 0 ? "" : info.substring(start, end > start ? end : info.length());
    }

    private static boolean builtIn(String media, Format f) {
        String key = switch (f) {
            case JPEG -> "JPEG:";
            case PNG -> "PNG:";
            case WEBP -> "WEBP:";
            case TIFF -> "TIFF:";
            case JPEG2000 -> "JPEG 2000:";
            case EXR -> "OpenEXR:";
            case HDR -> "HDR:";
            case SUN_RASTER -> "SUNRASTER:";
            case PBM, PGM, PPM, PAM -> "PXM:";
            case PFM -> "PFM:";
            case BMP -> null; // always compiled in
            case GIF -> "GIF:";
        };
        if (key == null) {
            return true;
        }
        for (String line : media.split("\n")) {
            String t = line.trim();
            if (t.startsWith(key)) {
                String value = t.substring(key.length()).trim().toUpperCase(Locale.ROOT);
                return !value.startsWith("NO");
            }
        }
        return false;
    }
}
