package dev.imbytes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An image file format that imbytes can recognise, with its file extensions and MIME type.
 *
 * <p>Each constant is one row of imbytes' table of format capabilities, the single place the rest
 * of the library asks: name, MIME type, extensions, the sample depths and channel counts a file
 * stores, whether the bundled OpenCV 4.9 handles it in memory or only through a temporary file,
 * whether it is decoded by default, its {@link EncodeOptions} type, and how OpenCV's build
 * information names its codec. Whether the loaded OpenCV really has that codec is a runtime fact:
 * ask {@link #canRead()} and {@link #canWrite()}. Formats are recognised from their magic bytes,
 * never from a file name; the extensions here are only used to pick an output format, the way
 * {@code cv2.imencode(".jpg", mat)} does.
 *
 * <pre>{@code
 * Format f = Format.fromExtension(".jpg");   // Format.JPEG
 * f.mimeType();                             // "image/jpeg"
 * }</pre>
 */
public enum Format {
    // columns: id, name in messages, MIME type, sample depths, channel counts, temporary file (OpenCV 4.9),
    // default allow-list, how OpenCV's build information lists the codec, default encode options, extensions
    /** JPEG (JFIF/EXIF); 8-bit grey or colour, no alpha. */
    JPEG("jpeg", "JPEG", "image/jpeg", Samples.U8, Channels.GREY_COLOUR, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.listedAs("JPEG:"), f -> JpegOptions.defaults(), ".jpg", ".jpeg", ".jpe", ".jfif"),
    /** PNG; grey, colour, alpha, 8 or 16 bits. */
    PNG("png", "PNG", "image/png", Samples.U8_U16, Channels.ANY, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.listedAs("PNG:"), f -> PngOptions.defaults(), ".png"),
    /** WebP, lossy or lossless; 8-bit colour with optional alpha. */
    WEBP("webp", "WEBP", "image/webp", Samples.U8, Channels.ANY, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.listedAs("WEBP:"), f -> WebpOptions.defaults(), ".webp"),
    /** TIFF; grey, colour, alpha, 8 or 16 bits (and 32-bit float). */
    TIFF("tiff", "TIFF", "image/tiff", Samples.U8_U16_F32, Channels.ANY, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.listedAs("TIFF:"), f -> TiffOptions.defaults(), ".tif", ".tiff"),
    /** Windows bitmap; 8-bit grey or colour (alpha is flattened). */
    BMP("bmp", "BMP", "image/bmp", Samples.U8, Channels.GREY_COLOUR, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.ALWAYS, PlainOptions::of, ".bmp", ".dib"),
    /** GIF, read only: the first frame, by the JDK's GIF reader (the bundled OpenCV 4.9 has no GIF codec). */
    GIF("gif", "GIF", "image/gif", Samples.U8, Channels.ANY, TempFile.NEVER, Allowed.BY_DEFAULT, OpenCvCodec.JDK_READER_ONLY, PlainOptions::of, ".gif"),
    /** JPEG 2000 (JP2 container or raw J2K codestream); OpenJPEG. */
    JPEG2000("jp2", "JPEG 2000", "image/jp2", Samples.U8_U16, Channels.ANY, TempFile.TO_ENCODE, Allowed.OPT_IN, OpenCvCodec.listedAs("JPEG 2000:"), f -> Jpeg2000Options.defaults(), ".jp2", ".j2k", ".jpf", ".jpx", ".jpc"),
    /** Portable bitmap (1-bit, written from 8-bit grey). */
    PBM("pbm", "PBM", "image/x-portable-bitmap", Samples.U8, Channels.GREY, TempFile.NEVER, Allowed.OPT_IN, OpenCvCodec.listedAs("PXM:"), PlainOptions::of, ".pbm"),
    /** Portable graymap (8 or 16-bit grey). */
    PGM("pgm", "PGM", "image/x-portable-graymap", Samples.U8_U16, Channels.GREY, TempFile.NEVER, Allowed.OPT_IN, OpenCvCodec.listedAs("PXM:"), PlainOptions::of, ".pgm"),
    /** Portable pixmap (8 or 16-bit colour). */
    PPM("ppm", "PPM", "image/x-portable-pixmap", Samples.U8_U16, Channels.COLOUR, TempFile.NEVER, Allowed.OPT_IN, OpenCvCodec.listedAs("PXM:"), PlainOptions::of, ".ppm", ".pnm", ".pxm"),
    /** Portable arbitrary map (grey, colour or alpha, 8 or 16 bits). */
    PAM("pam", "PAM", "image/x-portable-arbitrarymap", Samples.U8_U16, Channels.ANY, TempFile.NEVER, Allowed.OPT_IN, OpenCvCodec.listedAs("PXM:"), PlainOptions::of, ".pam"),
    /** Portable float map (32-bit float grey or colour). */
    PFM("pfm", "PFM", "image/x-portable-floatmap", Samples.F32, Channels.GREY_COLOUR, TempFile.BOTH_WAYS, Allowed.OPT_IN, OpenCvCodec.listedAs("PFM:"), PlainOptions::of, ".pfm"),
    /** Radiance RGBE high dynamic range. */
    HDR("hdr", "HDR", "image/vnd.radiance", Samples.F32, Channels.COLOUR, TempFile.BOTH_WAYS, Allowed.OPT_IN, OpenCvCodec.listedAs("HDR:"), PlainOptions::of, ".hdr", ".pic"),
    /** OpenEXR; disabled in the bundled OpenCV unless {@code OPENCV_IO_ENABLE_OPENEXR} is set at start. */
    EXR("exr", "OpenEXR", "image/x-exr", Samples.F32, Channels.ANY, TempFile.BOTH_WAYS, Allowed.OPT_IN, OpenCvCodec.listedAs("OpenEXR:").enabledBy("OPENCV_IO_ENABLE_OPENEXR"), PlainOptions::of, ".exr"),
    /** Sun raster. */
    SUN_RASTER("ras", "Sun raster", "image/x-sun-raster", Samples.U8, Channels.GREY_COLOUR, TempFile.BOTH_WAYS, Allowed.OPT_IN, OpenCvCodec.listedAs("SUNRASTER:"), PlainOptions::of, ".ras", ".sr");

    /** The sample depths a file stores, in bits (32: float); others are scaled to the nearest one. */
    private enum Samples {
        U8(8), U8_U16(8, 16), U8_U16_F32(8, 16, 32), F32(32);

        final Set<Integer> bits;

        Samples(Integer... bits) {
            this.bits = Set.of(bits);
        }
    }

    /** The channel counts a file stores: 1 grey, 3 colour, 4 colour with alpha. */
    private enum Channels {
        GREY(1), COLOUR(3), GREY_COLOUR(1, 3), ANY(1, 3, 4);

        final Set<Integer> counts;

        Channels(Integer... counts) {
            this.counts = Set.of(counts);
        }
    }

    /** Which ways OpenCV 4.9 goes through a temporary file for the format (seen with strace). */
    private enum TempFile {
        NEVER, TO_ENCODE, BOTH_WAYS
    }

    /** Whether the default decode allow-list holds the format. */
    private enum Allowed {
        BY_DEFAULT, OPT_IN
    }

    /**
     * How OpenCV's build information lists the format's codec: a line of its "Media I/O" section
     * ({@code key} with its colon; null: OpenCV has no such codec; empty: always compiled in, not
     * listed), and the environment variable that must switch it on at start-up (null: none).
     */
    private record OpenCvCodec(String key, String enablingVariable) {
        static final OpenCvCodec ALWAYS = new OpenCvCodec("", null);
        static final OpenCvCodec NONE = new OpenCvCodec(null, null);
        /** Not OpenCV's: read by the JDK's ImageIO reader after imbytes' checks, never written. */
        static final OpenCvCodec JDK_READER_ONLY = new OpenCvCodec("", null);

        static OpenCvCodec listedAs(String key) {
            return new OpenCvCodec(key, null);
        }

        OpenCvCodec enabledBy(String variable) {
            return new OpenCvCodec(key, variable);
        }
    }

    private final String id;
    private final String displayName;
    private final String mimeType;
    private final Samples samples;
    private final Channels channels;
    private final TempFile tempFile;
    private final Allowed allowed;
    private final OpenCvCodec codec;
    private final Function<Format, EncodeOptions> defaultOptions;
    private final List<String> extensions;

    Format(String id, String displayName, String mimeType, Samples samples, Channels channels, TempFile tempFile,
           Allowed allowed, OpenCvCodec codec, Function<Format, EncodeOptions> defaultOptions, String... extensions) {
        this.id = id;
        this.displayName = displayName;
        this.mimeType = mimeType;
        this.samples = samples;
        this.channels = channels;
        this.tempFile = tempFile;
        this.allowed = allowed;
        this.codec = codec;
        this.defaultOptions = defaultOptions;
        this.extensions = List.of(extensions);
    }

    /**
     * A short lower-case name for reports and JSON: {@code jpeg}, {@code png}, {@code webp},
     * {@code tiff}, {@code bmp}, {@code gif}, {@code jp2}, {@code pbm}, {@code pgm}, {@code ppm},
     * {@code pam}, {@code pfm}, {@code hdr}, {@code exr}, {@code ras}.
     */
    public String id() {
        return id;
    }

    /** The format's name in messages: {@code JPEG}, {@code JPEG 2000}, {@code OpenEXR}, {@code Sun raster} … */
    public String displayName() {
        return displayName;
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
        return channels.counts.contains(4);
    }

    /** Whether this format stores 16 bits per sample (otherwise 16-bit input is scaled to 8 bits). */
    public boolean supports16Bit() {
        return samples.bits.contains(16);
    }

    /**
     * The sample depths an encoded file of this format stores, in bits: 8 and 16 (unsigned
     * integers), 32 (float). Images of another depth are scaled to one of these before encoding.
     */
    public Set<Integer> bitDepths() {
        return samples.bits;
    }

    /**
     * The channel counts an encoded file of this format stores: 1 (grey), 3 (colour), 4 (colour
     * with alpha). Images with other counts are converted (alpha flattened) before encoding.
     */
    public Set<Integer> channelCounts() {
        return channels.counts;
    }

    /**
     * Whether the bundled OpenCV 4.9 decodes this format from memory. For the others its
     * {@code imdecode} writes the bytes to a temporary file first, which imbytes refuses unless
     * {@link DecodeOptions#withTempFileAllowed(boolean)} allows it.
     */
    public boolean decodesInMemory() {
        return tempFile != TempFile.BOTH_WAYS;
    }

    /**
     * Whether the bundled OpenCV 4.9 encodes this format to memory. For the others its
     * {@code imencode} goes through a temporary file, which imbytes refuses unless the format's
     * options allow it ({@link EncodeOptions#tempFileAllowed()}).
     */
    public boolean encodesInMemory() {
        return tempFile == TempFile.NEVER;
    }

    /** Whether {@link DecodeOptions#DEFAULT_FORMATS}, the default decode allow-list, holds this format. */
    public boolean decodedByDefault() {
        return allowed == Allowed.BY_DEFAULT;
    }

    /**
     * The environment variable that must be set when the process starts for the bundled OpenCV to
     * handle this format ({@code OPENCV_IO_ENABLE_OPENEXR} for OpenEXR); empty for the others.
     */
    public Optional<String> enablingVariable() {
        return Optional.ofNullable(codec.enablingVariable());
    }

    /**
     * Whether imbytes can decode this format with the loaded OpenCV build (checked once, at
     * runtime); GIF is always readable, through the JDK's reader.
     */
    public boolean canRead() {
        return codec != OpenCvCodec.NONE
                && dev.imbytes.internal.codec.Codecs.compiledIn(codec.key(), codec.enablingVariable());
    }

    /** Whether the loaded OpenCV build can encode this format (checked once, at runtime); never GIF. */
    public boolean canWrite() {
        // asked only when readable: asking OpenCV about a disabled codec (EXR) prints a warning
        return codec != OpenCvCodec.JDK_READER_ONLY && canRead() && dev.imbytes.internal.codec.Codecs.hasWriter(extension());
    }

    /**
     * Whether imbytes reads this format but never writes it: GIF, which only the JDK's reader
     * decodes (OpenCV 4.9 has no GIF codec either way).
     */
    public boolean readOnly() {
        return codec == OpenCvCodec.JDK_READER_ONLY;
    }

    /** The documented default encode options of this format: what {@link EncodeOptions#of(Format)} returns. */
    EncodeOptions defaultEncodeOptions() {
        return defaultOptions.apply(this);
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
                + "\"; known: jpg, png, webp, tif, bmp, gif, jp2, pbm, pgm, ppm, pam, pfm, hdr, exr, ras");
    }
}
