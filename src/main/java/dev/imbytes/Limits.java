package dev.imbytes;

/**
 * Size limits checked against an image's header before any native decoder runs, and again
 * against the decoded result (a header may lie).
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_PIXELS} pixels (100 MP: every real photo we test with,
 * up to 24 MP, passes; every decompression bomb, from 268 MP up, is refused), at most
 * {@value #DEFAULT_MAX_SIDE} pixels on a side (the JPEG format's own maximum) and at most
 * {@value #DEFAULT_MAX_BYTES} input bytes (256 MiB). A process-wide default can be set at start-up
 * with the system properties {@code imbytes.maxPixels}, {@code imbytes.maxSide} and
 * {@code imbytes.maxBytes}; they are read once.
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

    private static final Limits DEFAULTS = new Limits(
            Long.getLong("imbytes.maxPixels", DEFAULT_MAX_PIXELS),
            Integer.getInteger("imbytes.maxSide", DEFAULT_MAX_SIDE),
            Long.getLong("imbytes.maxBytes", DEFAULT_MAX_BYTES));

    private final long maxPixels;
    private final int maxSide;
    private final long maxBytes;

    private Limits(long maxPixels, int maxSide, long maxBytes) {
        this.maxPixels = requirePositive("maxPixels", maxPixels);
        this.maxSide = (int) requirePositive("maxSide", maxSide);
        this.maxBytes = requirePositive("maxBytes", maxBytes);
    }

    /** The process-wide defaults (the constants above, unless overridden by system properties). */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** No practical limit: for trusted input only. */
    public static Limits none() {
        return new Limits(Long.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
    }

    /** A copy with another pixel limit (width × height). */
    public Limits withMaxPixels(long pixels) {
        return new Limits(pixels, maxSide, maxBytes);
    }

    /** A copy with another limit on the longer side. */
    public Limits withMaxSide(int side) {
        return new Limits(maxPixels, side, maxBytes);
    }

    /** A copy with another limit on the encoded input size. */
    public Limits withMaxBytes(long bytes) {
        return new Limits(maxPixels, maxSide, bytes);
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
        return "Limits[maxPixels=" + maxPixels + ", maxSide=" + maxSide + ", maxBytes=" + maxBytes + "]";
    }
}
