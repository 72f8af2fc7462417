package dev.imbytes;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * JPEG encoder settings. Defaults match {@code cv2.imencode(".jpg", mat)}: quality 95, baseline,
 * no Huffman optimisation, 4:2:0 subsampling, no restart markers, one quality for brightness and
 * colour — so imbytes' default output is byte-identical to OpenCV's.
 *
 * <pre>{@code
 * JpegOptions web = JpegOptions.quality(82).withProgressive(true).withOptimize(true);
 * }</pre>
 *
 * <p>A final class rather than a record: a record's seven-argument constructor would be public
 * API that breaks whenever a setting is added, and would need a sentinel for the optional
 * luma/chroma qualities. Options start from {@link #defaults()} or {@link #quality(int)} and
 * change through {@code with…} copies, each validated.
 */
public final class JpegOptions implements EncodeOptions {
    private static final JpegOptions DEFAULTS =
            new JpegOptions(95, false, false, ChromaSubsampling.S420, 0, OptionalInt.empty(), OptionalInt.empty());

    private final int quality;
    private final boolean progressive;
    private final boolean optimize;
    private final ChromaSubsampling subsampling;
    private final int restartInterval;
    private final OptionalInt lumaQuality;
    private final OptionalInt chromaQuality;

    private JpegOptions(int quality, boolean progressive, boolean optimize, ChromaSubsampling subsampling,
                        int restartInterval, OptionalInt lumaQuality, OptionalInt chromaQuality) {
        this.quality = Check.range("JPEG quality", quality, 0, 100);
        this.progressive = progressive;
        this.optimize = optimize;
        this.subsampling = Objects.requireNonNull(subsampling, "subsampling");
        this.restartInterval = Check.range("JPEG restart interval", restartInterval, 0, 65535);
        this.lumaQuality = lumaQuality;
        this.chromaQuality = chromaQuality;
    }

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

    /** Quality 0..100 (default 95). */
    public int quality() {
        return quality;
    }

    /** Progressive scan order (default false). */
    public boolean progressive() {
        return progressive;
    }

    /** Optimised Huffman tables: smaller, slower (default false). */
    public boolean optimize() {
        return optimize;
    }

    /** Chroma subsampling (default 4:2:0). */
    public ChromaSubsampling subsampling() {
        return subsampling;
    }

    /** A restart marker every N MCU rows, 0..65535; 0 = none (the default). */
    public int restartInterval() {
        return restartInterval;
    }

    /** A separate brightness quality 0..100; empty (the default) uses {@link #quality()}. */
    public OptionalInt lumaQuality() {
        return lumaQuality;
    }

    /** A separate colour quality 0..100; empty (the default) uses {@link #quality()}. */
    public OptionalInt chromaQuality() {
        return chromaQuality;
    }

    /** A copy with another quality (0..100). */
    public JpegOptions withQuality(int quality) {
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with progressive encoding on or off. */
    public JpegOptions withProgressive(boolean progressive) {
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with Huffman optimisation on or off. */
    public JpegOptions withOptimize(boolean optimize) {
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with another chroma subsampling. */
    public JpegOptions withSubsampling(ChromaSubsampling subsampling) {
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    /** A copy with a restart interval (0..65535, 0 = none). */
    public JpegOptions withRestartInterval(int mcuRows) {
        return new JpegOptions(quality, progressive, optimize, subsampling, mcuRows, lumaQuality, chromaQuality);
    }

    /** A copy with a separate brightness quality (0..100). */
    public JpegOptions withLumaQuality(int luma) {
        OptionalInt set = OptionalInt.of(Check.range("JPEG luma quality", luma, 0, 100));
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, set, chromaQuality);
    }

    /** A copy with a separate colour quality (0..100). */
    public JpegOptions withChromaQuality(int chroma) {
        OptionalInt set = OptionalInt.of(Check.range("JPEG chroma quality", chroma, 0, 100));
        return new JpegOptions(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, set);
    }

    /** Equal when every setting is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof JpegOptions j && quality == j.quality && progressive == j.progressive
                && optimize == j.optimize && subsampling == j.subsampling && restartInterval == j.restartInterval
                && lumaQuality.equals(j.lumaQuality) && chromaQuality.equals(j.chromaQuality);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quality, progressive, optimize, subsampling, restartInterval, lumaQuality, chromaQuality);
    }

    @Override
    public String toString() {
        return "JpegOptions[quality=" + quality + ", progressive=" + progressive + ", optimize=" + optimize
                + ", subsampling=" + subsampling + ", restartInterval=" + restartInterval
                + ", lumaQuality=" + lumaQuality + ", chromaQuality=" + chromaQuality + "]";
    }
}
