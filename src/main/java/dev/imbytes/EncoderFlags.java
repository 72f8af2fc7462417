package dev.imbytes;

/**
 * The encoder flags of a {@link ConversionSpec} ({@code --quality}, {@code --progressive},
 * {@code --subsampling}, {@code --png-level}, {@code --lossless}) and the one place that decides
 * which of them a target format takes: each format's options type checks its own ranges.
 */
final class EncoderFlags {
    Integer quality;
    boolean progressive;
    ChromaSubsampling subsampling;
    Integer pngLevel;
    boolean lossless;

    EncoderFlags copy() {
        EncoderFlags c = new EncoderFlags();
        c.quality = quality;
        c.progressive = progressive;
        c.subsampling = subsampling;
        c.pngLevel = pngLevel;
        c.lossless = lossless;
        return c;
    }

    /** Refuses encoder flags when no output format is known: they would silently do nothing. */
    void requireNone() {
        if (quality != null || progressive || subsampling != null || pngLevel != null || lossless) {
            throw new IllegalArgumentException("encoder options (--quality, --progressive, --subsampling, --png-level, "
                    + "--lossless) need an output format: give --to");
        }
    }

    /** The encoder options for {@code target}; flags that do not apply to it are refused, naming them. */
    EncodeOptions options(Format target) {
        switch (target) {
            case JPEG -> {
                rejectUnless(!lossless && pngLevel == null, target, "--lossless/--png-level");
                JpegOptions j = quality == null ? JpegOptions.defaults()
                        : SpecGrammar.flag(ConversionSpec.Flags.QUALITY, () -> JpegOptions.quality(quality));
                if (subsampling != null) {
                    j = j.withSubsampling(subsampling);
                }
                return j.withProgressive(progressive);
            }
            case WEBP -> {
                rejectUnless(!progressive && subsampling == null && pngLevel == null, target,
                        "--progressive/--subsampling/--png-level");
                WebpOptions w = WebpOptions.defaults().withLossless(lossless);
                return quality == null ? w : SpecGrammar.flag(ConversionSpec.Flags.QUALITY, () -> w.withQuality(quality));
            }
            case PNG -> {
                rejectUnless(quality == null && !progressive && subsampling == null && !lossless, target,
                        "--quality/--progressive/--subsampling/--lossless");
                return pngLevel != null ? PngOptions.defaults().withCompressionLevel(pngLevel) : PngOptions.defaults();
            }
            default -> {
                rejectUnless(quality == null && !progressive && subsampling == null && !lossless && pngLevel == null,
                        target, "encoder options");
                return SpecGrammar.flag(ConversionSpec.Flags.TO, () -> EncodeOptions.of(target));
            }
        }
    }

    private static void rejectUnless(boolean ok, Format target, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what + " do not apply to " + target.id() + " output");
        }
    }
}
