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
 * @param variant     which decoding route the file needs: the probe, which has read the header, decides
 *                    it once, and the decoder follows it
 */
public record ImageHeader(Format format, int width, int height, int channels, int bitDepth,
                          int orientationTag, ColorModel colorModel, String defect, int adobeTransform,
                          Variant variant) {

    /**
     * The decoding routes. Each exists because OpenCV 4.9 refuses or misreads such files that
     * browsers and Pillow read.
     */
    public enum Variant {
        /** {@code imdecode} as it is. */
        OPENCV,
        /**
         * A palette TIFF: {@code imdecode} in colour even when unchanged is asked, since OpenCV applies
         * the palette only on its colour path (unchanged gives the raw indices as grey).
         */
        OPENCV_COLOR,
        /** A still WebP shorter than OpenCV's fixed header read: padded after its RIFF end. */
        WEBP_PADDED,
        /** An animated WebP: its first frame, made a still WebP, composited on the canvas when smaller. */
        WEBP_FIRST_FRAME,
        /** An OS/2 bitmap with a palette of 3-byte entries: rewritten as a Windows bitmap in memory. */
        BMP_OS2_PALETTE,
        /** Decoded by the JDK's own ImageIO reader of the format (GIF; CIELab, planar 16-bit and associated-alpha TIFF). */
        JDK_IMAGEIO
    }

    /** A header with an Adobe APP14 segment (a JPEG) or without one ({@code adobeTransform} -1), decoded by OpenCV. */
    public ImageHeader(Format format, int width, int height, int channels, int bitDepth, int orientationTag,
                       ColorModel colorModel, String defect, int adobeTransform) {
        this(format, width, height, channels, bitDepth, orientationTag, colorModel, defect, adobeTransform,
                Variant.OPENCV);
    }

    /** A header without an Adobe APP14 segment: every format but JPEG. */
    public ImageHeader(Format format, int width, int height, int channels, int bitDepth, int orientationTag,
                       ColorModel colorModel, String defect) {
        this(format, width, height, channels, bitDepth, orientationTag, colorModel, defect, -1);
    }

    /** This header with another decoding route. */
    public ImageHeader withVariant(Variant v) {
        return new ImageHeader(format, width, height, channels, bitDepth, orientationTag, colorModel, defect,
                adobeTransform, v);
    }

    /** This header with another defect (null: whole). */
    public ImageHeader withDefect(String d) {
        return new ImageHeader(format, width, height, channels, bitDepth, orientationTag, colorModel, d,
                adobeTransform, variant);
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
