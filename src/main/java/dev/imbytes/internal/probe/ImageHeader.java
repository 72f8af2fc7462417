package dev.imbytes.internal.probe;

import dev.imbytes.Format;

/**
 * What an image's header says, read in plain Java before any native call.
 *
 * @param format      the format recognised from magic bytes
 * @param width       stored width in pixels (before EXIF orientation)
 * @param height      stored height in pixels (before EXIF orientation)
 * @param channels    stored samples per pixel (palette = 1, JPEG = components)
 * @param bitDepth    bits per stored sample (palette: index bits)
 * @param orientationTag the raw EXIF Orientation value, or -1 when the file has none
 * @param colorModel  "gray", "gray+alpha", "rgb", "rgba", "palette", "ycbcr", "cmyk", "ycck", or "" when unknown
 * @param defect      null when the file's structure is whole; otherwise what is wrong
 *                    (truncated, missing end marker, bad chunk CRC ...), for strict decoding
 */
public record ImageHeader(Format format, int width, int height, int channels, int bitDepth,
                          int orientationTag, String colorModel, String defect) {

    /** The orientation to apply: the EXIF value when it is 1..8, otherwise 1. */
    public int orientation() {
        return orientationTag >= 1 && orientationTag <= 8 ? orientationTag : 1;
    }

    /** Width × height, without overflow. */
    public long pixels() {
        return (long) width * (long) height;
    }

    /** Whether the file has an alpha channel by its header (or a palette/tRNS that may add one). */
    public boolean mayHaveAlpha() {
        return colorModel.endsWith("alpha") || colorModel.equals("rgba") || channels == 4 && !colorModel.equals("cmyk")
                && !colorModel.equals("ycck");
    }
}
