package dev.imbytes;

/**
 * JPEG 2000 encoder settings.
 *
 * <p>The bundled OpenCV writes JPEG 2000 only through a temporary file; imbytes therefore refuses
 * to encode it unless the caller allows that with {@link #withTempFileAllowed(boolean)}.
 *
 * @param rate            compression rate ×1000, 0..1000; 1000 is lossless-quality (default 1000)
 * @param tempFileAllowed whether OpenCV may go through a temporary file (default false)
 */
public record Jpeg2000Options(int rate, boolean tempFileAllowed) implements EncodeOptions {

    /** Validates the settings. */
    public Jpeg2000Options {
        Check.range("JPEG 2000 rate (x1000)", rate, 0, 1000);
    }

    private static final Jpeg2000Options DEFAULTS = new Jpeg2000Options(1000, false);

    /** Rate 1000, no temporary file allowed. */
    public static Jpeg2000Options defaults() {
        return DEFAULTS;
    }

    @Override
    public Format format() {
        return Format.JPEG2000;
    }

    /** A copy with another rate ×1000 (0..1000). */
    public Jpeg2000Options withRate(int rateTimes1000) {
        return new Jpeg2000Options(rateTimes1000, tempFileAllowed);
    }

    /** A copy that allows (or forbids) OpenCV's temporary file. */
    public Jpeg2000Options withTempFileAllowed(boolean allowed) {
        return new Jpeg2000Options(rate, allowed);
    }
}
