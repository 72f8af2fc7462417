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
 * Conversion thumb = Conversion.to(JpegOptions.quality(85)).resize(Fit.within(256, 256));
 * byte[] jpeg = Imbytes.convert(input, thumb);
 * }</pre>
 */
public final class Conversion {
    private static final DecodeOptions DEFAULT_DECODE = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED);

    private final DecodeOptions decode;
    private final Fit fit;
    private final EncodeOptions encode;
    private final Background background;

    private Conversion(DecodeOptions decode, Fit fit, EncodeOptions encode, Background background) {
        this.decode = Objects.requireNonNull(decode, "decode options");
        this.fit = fit;
        this.encode = encode;
        this.background = Objects.requireNonNull(background, "background");
    }

    /** Encode with {@code options}; no resize. */
    public static Conversion to(EncodeOptions options) {
        return new Conversion(DEFAULT_DECODE, null, Objects.requireNonNull(options, "encode options"), Background.WHITE);
    }

    /** Encode to {@code format} with its documented defaults; no resize. */
    public static Conversion to(Format format) {
        return to(EncodeOptions.of(format));
    }

    /** Keep the input's format (with that format's default options); no resize. */
    public static Conversion sameFormat() {
        return new Conversion(DEFAULT_DECODE, null, null, Background.WHITE);
    }

    /** A copy that resizes with {@code f} (or not at all when {@code null}). */
    public Conversion resize(Fit f) {
        return new Conversion(decode, f, encode, background);
    }

    /** A copy with other decode options. */
    public Conversion decodeWith(DecodeOptions options) {
        return new Conversion(options, fit, encode, background);
    }

    /** A copy with other encode options ({@code null}: keep the input's format). */
    public Conversion encodeWith(EncodeOptions options) {
        return new Conversion(decode, fit, options, background);
    }

    /** A copy that flattens transparency onto {@code color}. */
    public Conversion background(Background color) {
        return new Conversion(decode, fit, encode, color);
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
