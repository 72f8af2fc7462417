package dev.imbytes;

import java.util.List;
import java.util.Locale;

/**
 * An image file format that imbytes can recognise, with its file extensions and MIME type.
 *
 * <p>Whether the bundled OpenCV can actually read or write a format is a runtime fact: ask
 * {@link #canRead()} and {@link #canWrite()}. Formats are recognised from their magic bytes,
 * never from a file name; the extensions here are only used to pick an output format, the way
 * {@code cv2.imencode(".jpg", mat)} does.
 *
 * <pre>{@code
 * Format f = Format.fromExtension(".jpg");   // Format.JPEG
 * f.mimeType();                             // "image/jpeg"
 * }</pre>
 */
public enum Format {
    /** JPEG (JFIF/EXIF); 8-bit grey or colour, no alpha. */
    JPEG("image/jpeg", false, false, ".jpg", ".jpeg", ".jpe", ".jfif"),
    /** PNG; grey, colour, alpha, 8 or 16 bits. */
    PNG("image/png", true, true, ".png"),
    /** WebP, lossy or lossless; 8-bit colour with optional alpha. */
    WEBP("image/webp", true, false, ".webp"),
    /** TIFF; grey, colour, alpha, 8 or 16 bits. */
    TIFF("image/tiff", true, true, ".tif", ".tiff"),
    /** Windows bitmap; 8-bit grey or colour (alpha is flattened). */
    BMP("image/bmp", false, false, ".bmp", ".dib"),
    /** GIF; recognised so it can be refused clearly: the bundled OpenCV 4.9 has no GIF codec. */
    GIF("image/gif", false, false, ".gif"),
    /** JPEG 2000 (JP2 container or raw J2K codestream); OpenJPEG. */
    JPEG2000("image/jp2", true, true, ".jp2", ".j2k", ".jpf", ".jpx", ".jpc"),
    /** Portable bitmap (1-bit, written from 8-bit grey). */
    PBM("image/x-portable-bitmap", false, false, ".pbm"),
    /** Portable graymap (8 or 16-bit grey). */
    PGM("image/x-portable-graymap", false, true, ".pgm"),
    /** Portable pixmap (8 or 16-bit colour). */
    PPM("image/x-portable-pixmap", false, true, ".ppm", ".pnm", ".pxm"),
    /** Portable arbitrary map (grey, colour or alpha, 8 or 16 bits). */
    PAM("image/x-portable-arbitrarymap", true, true, ".pam"),
    /** Portable float map (32-bit float grey or colour). */
    PFM("image/x-portable-floatmap", false, false, ".pfm"),
    /** Radiance RGBE high dynamic range. */
    HDR("image/vnd.radiance", false, false, ".hdr", ".pic"),
    /** OpenEXR; disabled in the bundled OpenCV unless {@code OPENCV_IO_ENABLE_OPENEXR} is set at start. */
    EXR("image/x-exr", true, false, ".exr"),
    /** Sun raster. */
    SUN_RASTER("image/x-sun-raster", false, false, ".ras", ".sr");

    private final String mimeType;
    private final boolean alpha;
    private final boolean sixteenBit;
    private final List<String> extensions;

    Format(String mimeType, boolean alpha, boolean sixteenBit, String... extensions) {
        this.mimeType = mimeType;
        this.alpha = alpha;
        this.sixteenBit = sixteenBit;
        this.extensions = List.of(extensions);
    }

    /**
     * A short lower-case name for reports and JSON: {@code jpeg}, {@code png}, {@code webp},
     * {@code tiff}, {@code bmp}, {@code gif}, {@code jp2}, {@code pbm}, {@code pgm}, {@code ppm},
     * {@code pam}, {@code pfm}, {@code hdr}, {@code exr}, {@code ras}.
     */
    public String id() {
        return switch (this) {
            case JPEG2000 -> "jp2";
            case SUN_RASTER -> "ras";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /** The IANA (or customary {@code x-}) MIME type, e.g. {@code image/webp}. */
    public String mimeType() {
        return mimeType;
    }

    /** All extensions this format is known by, lower case with the dot; the first is the usual one. */
    public List<String> extensions() {
        return extensions;
    }

    /** The usual extension with its dot, e.g. {@code ".jpg"}: what {@code imencode} is given. */
    public String extension() {
        return extensions.get(0);
    }

    /** Whether an encoded file of this format can carry an alpha channel. */
    public boolean supportsAlpha() {
        return alpha;
    }

    /** Whether this format stores 16 bits per sample (otherwise 16-bit input is scaled to 8 bits). */
    public boolean supports16Bit() {
        return sixteenBit;
    }

    /** Whether the bundled OpenCV build can decode this format (checked once, at runtime). */
    public boolean canRead() {
        return dev.imbytes.internal.codec.Codecs.canRead(this);
    }

    /** Whether the bundled OpenCV build can encode this format (checked once, at runtime). */
    public boolean canWrite() {
        return dev.imbytes.internal.codec.Codecs.canWrite(this);
    }

    /**
     * The format for an extension or name, as {@code imencode} takes it: {@code ".jpg"},
     * {@code "jpg"}, {@code "JPEG"}, {@code "webp"}, {@code "tiff"}, {@code "jpeg2000"}.
     *
     * @throws UnsupportedFormatException when nothing matches
     */
    public static Format fromExtension(String extensionOrName) {
        if (extensionOrName == null || extensionOrName.isBlank()) {
            throw new UnsupportedFormatException("no format given (expected an extension such as \".jpg\")");
        }
        String key = extensionOrName.trim().toLowerCase(Locale.ROOT);
        String dotted = key.startsWith(".") ? key : "." + key;
        for (Format f : values()) {
            if (f.extensions.contains(dotted) || f.name().toLowerCase(Locale.ROOT).equals(key)
                    || f.name().replace("_", "").toLowerCase(Locale.ROOT).equals(key) || f.id().equals(key)) {
                return f;
            }
        }
        throw new UnsupportedFormatException("unknown image format \"" + extensionOrName
                + "\"; known: jpg, png, webp, tif, bmp, jp2, pbm, pgm, ppm, pam, pfm, hdr, exr, ras");
    }
}
