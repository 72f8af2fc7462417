package dev.imbytes;

import java.util.Locale;

/**
 * How an image's header says its samples are to be read: what {@link ImageInfo#colorModel()}
 * reports, read from the header without decoding. It names the stored samples, not what a decode
 * returns (a palette or a CMYK JPEG decodes to colour).
 *
 * <p>{@link #id()} is the lower-case name used in text output ({@code "gray+alpha"} for
 * {@link #GRAY_ALPHA}, {@code ""} for {@link #UNKNOWN}).
 */
public enum ColorModel {
    /** One grey sample per pixel. */
    GRAY,
    /** A grey sample and an alpha sample per pixel. */
    GRAY_ALPHA,
    /** Red, green and blue samples. */
    RGB,
    /** Red, green, blue and alpha samples. */
    RGBA,
    /** One index into a colour table per pixel. */
    PALETTE,
    /** Luma and two chroma samples (most JPEGs, some JPEG 2000 files). */
    YCBCR,
    /** Cyan, magenta, yellow and black ink samples. */
    CMYK,
    /** Luma, two chroma and black samples: CMYK stored the Adobe YCCK way (JPEG only). */
    YCCK,
    /** The header does not say, or says something this library has no name for. */
    UNKNOWN;

    /** The lower-case name used in text output: {@code "gray"}, {@code "gray+alpha"}, ..., {@code ""} for unknown. */
    public String id() {
        return switch (this) {
            case GRAY_ALPHA -> "gray+alpha";
            case UNKNOWN -> "";
            default -> name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * A colour model with the given number of samples in the usual order: 1 grey, 2 grey and alpha,
     * 3 RGB, 4 RGBA; {@link #UNKNOWN} for any other count. For headers that give only a count.
     */
    public static ColorModel ofSampleCount(int samples) {
        return switch (samples) {
            case 1 -> GRAY;
            case 2 -> GRAY_ALPHA;
            case 3 -> RGB;
            case 4 -> RGBA;
            default -> UNKNOWN;
        };
    }
}
