package dev.imbytes;

import java.util.Objects;
import java.util.Optional;

/**
 * A whole conversion, bytes in to bytes out: how to decode, how to resize (optional), what to
 * encode to and what background flattens transparency. Immutable; the CLI, the benchmark command
 * and the Spark UDF all describe their work with one of these.
 *
 * <p>Unlike {@link DecodeOptions#defaults()}, a conversion decodes {@link ReadMode#UNCHANGED} by
 * default, so alpha and 16-bit samples survive into formats that keep them (PNG, WebP, TIFF) and
 * are flattened or scaled only for formats that cannot.
 *
 * <pre>{@code
 * Conversion thumb = Conversion.to(JpegOptions.quality(85)).withFit(Fit.within(256, 256));
 * byte[] jpeg = Imbytes.convert(input, thumb);
 * }</pre>
 */
public final class Conversion {
    private static final DecodeOptions DEFAULT_DECODE = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED);

    private final DecodeOptions decode;
    private final Fit fit;
    private final EncodeOptions encode;
    private final Background background;
    private final boolean keepIccProfile;
    private final boolean keepMetadata;

    /** {@code fit} null: no resize; {@code encode} null: the input's format. Both are private states, never arguments. */
    private Conversion(DecodeOptions decode, Fit fit, EncodeOptions encode, Background background) {
        this(decode, fit, encode, background, false, false);
    }

    private Conversion(DecodeOptions decode, Fit fit, EncodeOptions encode, Background background,
                       boolean keepIccProfile, boolean keepMetadata) {
        this.decode = decode;
        this.fit = fit;
        this.encode = encode;
        this.background = background;
        this.keepIccProfile = keepIccProfile;
        this.keepMetadata = keepMetadata;
    }

    /** Encode with {@code options}; no resize. */
    public static Conversion to(EncodeOptions options) {
        return new Conversion(DEFAULT_DECODE, null, Objects.requireNonNull(options, "options"), Background.WHITE);
    }

    /** Encode to {@code format} with its documented defaults; no resize. */
    public static Conversion to(Format format) {
        return to(EncodeOptions.of(Objects.requireNonNull(format, "format")));
    }

    /** Keep the input's format (with that format's default options); no resize. */
    public static Conversion sameFormat() {
        return new Conversion(DEFAULT_DECODE, null, null, Background.WHITE);
    }

    /** A copy that resizes with {@code fit} (a conversion made by a factory does not resize). */
    public Conversion withFit(Fit fit) {
        return new Conversion(decode, Objects.requireNonNull(fit, "fit"), encode, background,
                keepIccProfile, keepMetadata);
    }

    /** A copy with other decode options. */
    public Conversion withDecodeOptions(DecodeOptions options) {
        return new Conversion(Objects.requireNonNull(options, "options"), fit, encode, background,
                keepIccProfile, keepMetadata);
    }

    /** A copy with other encode options ({@link #sameFormat()} makes a conversion that keeps the input's format). */
    public Conversion withEncodeOptions(EncodeOptions options) {
        return new Conversion(decode, fit, Objects.requireNonNull(options, "options"), background, keepIccProfile,
                keepMetadata);
    }

    /** A copy that flattens transparency onto {@code background}. */
    public Conversion withBackground(Background background) {
        return new Conversion(decode, fit, encode, Objects.requireNonNull(background, "background"),
                keepIccProfile, keepMetadata);
    }

    /**
     * A copy that keeps the source's ICC profile ({@code true}) or not (the default): the pixels stay
     * in the source's colour space and the profile's bytes are embedded, unchanged, in the output
     * (JPEG APP2, PNG {@code iCCP}, WebP {@code ICCP}, TIFF tag 34675). Formats that cannot hold a
     * profile get none, and {@link ConversionResult#warnings()} says so.
     */
    public Conversion withKeepIccProfile(boolean keep) {
        return new Conversion(decode, fit, encode, background, keep, keepMetadata);
    }

    /**
     * A copy that keeps the source's metadata ({@code true}) or strips it (the default): EXIF, XMP
     * and the ICC profile are spliced into the output (JPEG APP1/APP2, PNG {@code eXIf}/{@code iTXt}/{@code iCCP},
     * WebP {@code EXIF}/{@code XMP }/{@code ICCP}, TIFF tags). The EXIF orientation becomes 1 when the
     * pixels were turned upright; the EXIF thumbnail, the MakerNote and the pixel-layout tags are
     * dropped. Malformed or oversized blocks are dropped, never fatal: {@link ConversionResult#warnings()}
     * names each. Kept EXIF may hold GPS coordinates: see SECURITY.md.
     */
    public Conversion withKeepMetadata(boolean keep) {
        return new Conversion(decode, fit, encode, background, keepIccProfile, keep);
    }

    /**
     * Whether the source's ICC profile is kept (also true when {@link #keepMetadata()} is). The one
     * question the pipeline asks: when true, no colour conversion runs, the pixels stay in the
     * source's space and its profile goes with them.
     */
    public boolean keepIccProfile() {
        return keepIccProfile || keepMetadata;
    }

    /** Whether the source's EXIF, XMP and ICC profile are kept. */
    public boolean keepMetadata() {
        return keepMetadata;
    }

    /** The decode options. */
    public DecodeOptions decodeOptions() {
        return decode;
    }

    /** The resize, if any. */
    public Optional<Fit> fit() {
        return Optional.ofNullable(fit);
    }

    /** The encode options; empty means "the input's format, with its defaults". */
    public Optional<EncodeOptions> encodeOptions() {
        return Optional.ofNullable(encode);
    }

    /** The background for flattening transparency. */
    public Background background() {
        return background;
    }

    @Override
    public String toString() {
        return "Conversion[" + (encode == null ? "same format" : encode) + ", " + (fit == null ? "no resize" : fit)
                + ", " + decode + ", " + background
                + (keepMetadata ? ", keep metadata" : keepIccProfile ? ", keep ICC profile" : "") + "]";
    }
}
