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

    /** {@code fit} null: no resize; {@code encode} null: the input's format. Both are private states, never arguments. */
    private Conversion(DecodeOptions decode, Fit fit, EncodeOptions encode, Background background) {
        this.decode = decode;
        this.fit = fit;
        this.encode = encode;
        this.background = background;
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
        return new Conversion(decode, Objects.requireNonNull(fit, "fit"), encode, background);
    }

    /** A copy with other decode options. */
    public Conversion withDecodeOptions(DecodeOptions options) {
        return new Conversion(Objects.requireNonNull(options, "options"), fit, encode, background);
    }

    /** A copy with other encode options ({@link #sameFormat()} makes a conversion that keeps the input's format). */
    public Conversion withEncodeOptions(EncodeOptions options) {
        return new Conversion(decode, fit, Objects.requireNonNull(options, "options"), background);
    }

    /** A copy that flattens transparency onto {@code background}. */
    public Conversion withBackground(Background background) {
        return new Conversion(decode, fit, encode, Objects.requireNonNull(background, "background"));
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
                + ", " + decode + ", " + background + "]";
    }
}
