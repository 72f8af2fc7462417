package dev.imbytes.internal.probe;

import dev.imbytes.ColorModel;
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
 * @param colorModel  how the stored samples are to be read ({@link ColorModel#UNKNOWN} when the header does not say)
 * @param defect      null when the file's structure is whole; otherwise what is wrong
 *                    (truncated, missing end marker, bad chunk CRC ...), for strict decoding
 * @param adobeTransform the transform code of a JPEG's Adobe APP14 segment (0 none/CMYK, 1 YCbCr,
 *                    2 YCCK), or -1 when there is none (and for every other format). Its presence
 *                    says a CMYK file's samples are stored inverted, the way Adobe writes them.
 */
public record ImageHeader(Format format, int width, int height, int channels, int bitDepth,
                          int orientationTag, ColorModel colorModel, String defect, int adobeTransform) {

    /** A header without an Adobe APP14 segment: every format but JPEG. */
    public ImageHeader(Format format, int width, int height, int channels, int bitDepth, int orientationTag,
                       ColorModel colorModel, String defect) {
        this(format, width, height, channels, bitDepth, orientationTag, colorModel, defect, -1);
    }

    /** The orientation to apply: the EXIF value when it is 1..8, otherwise 1. */
    public int orientation() {
        return orientationTag >= 1 && orientationTag <= 8 ? orientationTag : 1;
    }

    /** Width × height, without overflow. */
    public long pixels() {
        return (long) width * (long) height;
    }

    /** Whether the file has an Adobe APP14 segment: then its CMYK samples are stored inverted (0 = full ink). */
    public boolean adobeInverted() {
        return adobeTransform >= 0;
    }
}
