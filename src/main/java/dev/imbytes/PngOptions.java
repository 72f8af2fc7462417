package dev.imbytes;

import java.util.Objects;

/**
 * PNG encoder settings.
 *
 * <p>Default: zlib level 6 with the default strategy, as PIL, libpng and zlib themselves default
 * to. OpenCV's own default (level 1 with the RLE strategy) is fast but makes photographs and
 * screenshots far larger; level 6 is the usual balance (see README for measured sizes).
 *
 * @param compressionLevel zlib level 0 (store) .. 9 (smallest); default 6
 * @param strategy         zlib strategy; default {@link Strategy#DEFAULT}
 */
public record PngOptions(int compressionLevel, Strategy strategy) implements EncodeOptions {

    /** zlib compression strategies, as OpenCV's {@code IMWRITE_PNG_STRATEGY} takes them. */
    public enum Strategy {
        /** Normal data. */
        DEFAULT(0),
        /** Data from filters or predictors: favours Huffman coding over string matching. */
        FILTERED(1),
        /** Huffman coding only. */
        HUFFMAN_ONLY(2),
        /** Run-length encoding only: fast, good for flat images. */
        RLE(3),
        /** Fixed Huffman codes: for special applications. */
        FIXED(4);

        private final int openCvValue;

        Strategy(int openCvValue) {
            this.openCvValue = openCvValue;
        }

        /** OpenCV's {@code IMWRITE_PNG_STRATEGY} value. */
        public int openCvValue() {
            return openCvValue;
        }
    }

    /** Validates the settings. */
    public PngOptions {
        Check.range("PNG compression level", compressionLevel, 0, 9);
        Objects.requireNonNull(strategy, "strategy");
    }

    private static final PngOptions DEFAULTS = new PngOptions(6, Strategy.DEFAULT);

    /** Level 6, default strategy. */
    public static PngOptions defaults() {
        return DEFAULTS;
    }

    @Override
    public Format format() {
        return Format.PNG;
    }

    /** A copy with another compression level (0..9). */
    public PngOptions withCompressionLevel(int level) {
        return new PngOptions(level, strategy);
    }

    /** A copy with another zlib strategy. */
    public PngOptions withStrategy(Strategy strategy) {
        return new PngOptions(compressionLevel, strategy);
    }
}
