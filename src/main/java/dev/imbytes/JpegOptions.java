package dev.imbytes;

/**
 * JPEG encoder settings. Defaults match {@code cv2.imencode(".jpg", mat)}: quality 95, baseline,
 * no Huffman optimisation, 4:2:0 subsampling, no restart markers, one quality for brightness and
 * colour — so imbytes' default output is byte-identical to OpenCV's.
 *
 * <pre>{@code
 * JpegOptions web = JpegOptions.quality(82).withProgressive(true).withOptimize(true);
 * }</pre>
 *
 * @param quality         0..100 (default 95)
 * @param progressive     progressive scan order (default false)
 * @param optimize        optimised Huffman tables: smaller, slower (default false)
 * @param subsampling     chroma subsampling (default 4:2:0)
 * @param restartInterval restart marker every N MCU rows, 0..65535, 0 = none (default 0)
 * @param lumaQuality     separate brightness quality 0..100, or -1 to use {@code quality} (default -1)
 * @param chromaQuality   separate colour quality 0..100, or -1 to use {@code quality} (default -1)
 */
public record JpegOptions(int quality, boolean progressive, boolean optimize, ChromaSubsampling subsampling,
                          int restartInterval, int lumaQuality, int chromaQuality) implements EncodeOptions {

    /** Validates every setting; out of range → {@link IllegalArgumentException} naming it and its range. */
    public JpegOptions {
        Check.range("JPEG quality", quality, 0, 100);
        Check.range("JPEG restart interval", restartInterval, 0, 65535);
        Check.rangeOrUnset("JPEG luma quality", lumaQuality, 0, 100);
        Check.rangeOrUnset("JPEG chroma quality", chromaQuality, 0, 100);
        if (subsampling == null) {
            throw new IllegalArgumentException("JPEG subsampling must not be null");
        }
    }

    private static final JpegOptions DEFAULTS = new JpegOptions(95, false, false, ChromaSubsampling.S420, 0, -1, -1);

    /** The defaults: quality 95, baseline, 4:2:0 (what OpenCV does with no parameters). */
    public static JpegOptions defaults() {
        return DEFAULTS;
    }

    /** The defaults with another quality (0..100). */
    public static JpegOptions quality(int quality) {
        return DEFAULTS.withQuality(quality);
    }

    @Override
    public Format format() {
        return Format.JPEG;
    }

    /** A copy with another quality (0..100). */
    public JpegOptions withQuality(int q) {
        return new JpegOptions(q, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with progressive encoding on or off. */
    public JpegOptions withProgressive(boolean on) {
        return new JpegOptions(quality, on, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with Huffman optimisation on or off. */
    public JpegOptions withOptimize(boolean on) {
        return new JpegOptions(quality, progressive, on, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with another chroma subsampling. */
    public JpegOptions withSubsampling(ChromaSubsampling s) {
        return new JpegOptions(quality, progressive, optimize, s, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with a restart interval (0..65535, 0 = none). */
    public JpegOptions withRestartInterval(int mcuRows) {
        return new JpegOptions(quality, progressive, optimize, subsampling, mcuRows, lumaQuality, chromaQuality);
    }

    /** A copy with separate brightness and colour qualities (0..100 each, or -1 for unset). */
    public JpegOptions withLumaChromaQuality(int luma, int chroma) {
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, luma, chroma);
    }
}
