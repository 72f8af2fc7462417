package dev.imbytes;

/**
 * Size limits checked against an image's header before any native decoder runs, and again
 * against the decoded result (a header may lie).
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_PIXELS} pixels (100 MP: every real photo we test with,
 * up to 24 MP, passes; every decompression bomb, from 268 MP up, is refused), at most
 * {@value #DEFAULT_MAX_SIDE} pixels on a side (the JPEG format's own maximum) and at most
 * {@value #DEFAULT_MAX_BYTES} input bytes (256 MiB), and at most {@value #DEFAULT_MAX_DECODED_BYTES}
 * bytes of decoded pixels and decoder buffers for one image (every 8-bit colour image of 100 MP
 * fits; alpha, 16-bit samples and large TIFF strips count for what they cost), and at most
 * {@value #DEFAULT_MAX_ICC_BYTES} bytes of embedded ICC profile (4 MiB; a larger one is ignored,
 * not refused). A process-wide default can be set at start-up with the system properties
 * {@code imbytes.maxPixels}, {@code imbytes.maxSide}, {@code imbytes.maxBytes},
 * {@code imbytes.maxDecodedBytes} and {@code imbytes.maxIccBytes}; they are read once.
 *
 * <pre>{@code
 * Limits strict = Limits.defaults().withMaxPixels(40_000_000);
 * }</pre>
 */
public final class Limits {
    /** Default pixel limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;
    /** Default limit on either side, in pixels. */
    public static final int DEFAULT_MAX_SIDE = 65_535;
    /** Default limit on the encoded input, in bytes: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /**
     * Default limit on the native memory one decoded image may take: the pixels in the form they
     * are decoded to (channels × bytes per sample × pixels) plus the decoder's own buffers that
     * grow with the header (TIFF strips and tiles). 300 MB is 100 MP of 8-bit BGR; it keeps one
     * conversion at the default limits under 700 MB resident (see SECURITY.md for the formula).
     */
    public static final long DEFAULT_MAX_DECODED_BYTES = 300_000_000L;
    /**
     * Default limit on an embedded ICC profile, in bytes: 4 MiB. Real profiles are 0.5 to 100 KB
     * (a few CMYK profiles with large tables reach 2 MB); a larger one is ignored with a warning,
     * never inflated or parsed.
     */
    public static final int DEFAULT_MAX_ICC_BYTES = 4 * 1024 * 1024;

    private static final Limits DEFAULTS = new Limits(
            Long.getLong("imbytes.maxPixels", DEFAULT_MAX_PIXELS),
            Integer.getInteger("imbytes.maxSide", DEFAULT_MAX_SIDE),
            Long.getLong("imbytes.maxBytes", DEFAULT_MAX_BYTES),
            Long.getLong("imbytes.maxDecodedBytes", DEFAULT_MAX_DECODED_BYTES),
            Integer.getInteger("imbytes.maxIccBytes", DEFAULT_MAX_ICC_BYTES));

    private final long maxPixels;
    private final int maxSide;
    private final long maxBytes;
    private final long maxDecodedBytes;
    private final int maxIccBytes;

    private Limits(long maxPixels, int maxSide, long maxBytes, long maxDecodedBytes, int maxIccBytes) {
        this.maxPixels = requirePositive("maxPixels", maxPixels);
        this.maxSide = (int) requirePositive("maxSide", maxSide);
        this.maxBytes = requirePositive("maxBytes", maxBytes);
        this.maxDecodedBytes = requirePositive("maxDecodedBytes", maxDecodedBytes);
        this.maxIccBytes = (int) requirePositive("maxIccBytes", maxIccBytes);
    }

    /** The process-wide defaults (the constants above, unless overridden by system properties). */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** No practical limit: for trusted input only. */
    public static Limits none() {
        return new Limits(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** A copy with another pixel limit (width × height). */
    public Limits withMaxPixels(long pixels) {
        return new Limits(pixels, maxSide, maxBytes, maxDecodedBytes, maxIccBytes);
    }

    /** A copy with another limit on the longer side. */
    public Limits withMaxSide(int side) {
        return new Limits(maxPixels, side, maxBytes, maxDecodedBytes, maxIccBytes);
    }

    /** A copy with another limit on the encoded input size. */
    public Limits withMaxBytes(long bytes) {
        return new Limits(maxPixels, maxSide, bytes, maxDecodedBytes, maxIccBytes);
    }

    /**
     * A copy with another limit on decoded bytes: the decoded pixels (channels × bytes per sample ×
     * pixels, in the form the read mode gives) plus decoder buffers that grow with the header.
     */
    public Limits withMaxDecodedBytes(long bytes) {
        return new Limits(maxPixels, maxSide, maxBytes, bytes, maxIccBytes);
    }

    /**
     * A copy with another limit on an embedded ICC profile (its size once reassembled or
     * inflated). A larger profile is ignored with a warning in {@link ConversionResult#warnings()}:
     * the image is converted as if untagged.
     */
    public Limits withMaxIccBytes(int bytes) {
        return new Limits(maxPixels, maxSide, maxBytes, maxDecodedBytes, bytes);
    }

    /** The most bytes an embedded ICC profile may have; a larger one is ignored. */
    public int maxIccBytes() {
        return maxIccBytes;
    }

    /** The most bytes one decoded image (and its decoder's header-sized buffers) may take. */
    public long maxDecodedBytes() {
        return maxDecodedBytes;
    }

    /** The most pixels (width × height) an image may have. */
    public long maxPixels() {
        return maxPixels;
    }

    /** The most pixels either side may have. */
    public int maxSide() {
        return maxSide;
    }

    /** The most bytes an encoded input may have. */
    public long maxBytes() {
        return maxBytes;
    }

    private static long requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Limits[maxPixels=" + maxPixels + ", maxSide=" + maxSide + ", maxBytes=" + maxBytes
                + ", maxDecodedBytes=" + maxDecodedBytes + ", maxIccBytes=" + maxIccBytes + "]";
    }
}
