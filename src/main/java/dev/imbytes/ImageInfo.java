package dev.imbytes;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What an image's header says, read in plain Java without decoding: format, stored size
 * (before EXIF orientation), channels, bit depth and EXIF orientation.
 *
 * @param format           the format recognised from magic bytes
 * @param width            stored width
 * @param height           stored height
 * @param channels         stored samples per pixel (a palette counts as 1)
 * @param bitDepth         bits per stored sample
 * @param exifOrientation  the raw EXIF Orientation value, empty when the file has none
 * @param colorModel       how the stored samples are to be read ({@link ColorModel#UNKNOWN} when the header does not say)
 * @param byteSize         the size of the encoded input
 */
public record ImageInfo(Format format, int width, int height, int channels, int bitDepth,
                        OptionalInt exifOrientation, ColorModel colorModel, long byteSize) {

    /** Refuses {@code null} components, as every constructor of the API does. */
    public ImageInfo {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(exifOrientation, "exifOrientation");
        Objects.requireNonNull(colorModel, "colorModel");
    }

    /** The orientation imbytes applies: the EXIF value when it is 1..8, else 1. */
    public int orientation() {
        int v = exifOrientation.orElse(1);
        return v >= 1 && v <= 8 ? v : 1;
    }

    /** Width after orientation (stored height for orientations 5..8). */
    public int orientedWidth() {
        return orientation() >= 5 ? height : width;
    }

    /** Height after orientation (stored width for orientations 5..8). */
    public int orientedHeight() {
        return orientation() >= 5 ? width : height;
    }
}
