package dev.imbytes;

/**
 * WebP encoder settings.
 *
 * <p>Default: lossy, quality 80 (what PIL and most web tools use). Note that OpenCV with no
 * parameter writes <em>lossless</em> WebP, which surprises people with large files; imbytes asks
 * for lossless only when told to.
 *
 * @param quality  1..100 for lossy encoding; default 80
 * @param lossless lossless encoding (quality is then ignored); default false
 */
public record WebpOptions(int quality, boolean lossless) implements EncodeOptions {

    /** Validates the settings. */
    public WebpOptions {
        Check.range("WebP quality", quality, 1, 100);
    }

    private static final WebpOptions DEFAULTS = new WebpOptions(80, false);

    /** Lossy, quality 80. */
    public static WebpOptions defaults() {
        return DEFAULTS;
    }

    /** Lossy with the given quality (1..100). */
    public static WebpOptions quality(int quality) {
        return new WebpOptions(quality, false);
    }

    /** Lossless. */
    public static WebpOptions losslessDefaults() {
        return new WebpOptions(DEFAULTS.quality, true);
    }

    @Override
    public Format format() {
        return Format.WEBP;
    }

    /** A copy with another quality (1..100). */
    public WebpOptions withQuality(int quality) {
        return new WebpOptions(quality, lossless);
    }

    /** A copy with lossless on or off. */
    public WebpOptions withLossless(boolean lossless) {
        return new WebpOptions(quality, lossless);
    }
}
