package dev.imbytes.internal.probe;

import dev.imbytes.internal.probe.tiff.Tiff;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;

/** WebP header reading: RIFF container with a VP8, VP8L or VP8X first chunk; animated files give their canvas. */
public final class WebpProbe implements FormatProbe {

    /**
     * OpenCV 4.9 reads a fixed-size WebP header first and fails with a message on stderr (and an
     * exception) when the buffer is shorter, whatever the file's own sizes say. A valid lossless
     * file can be shorter (28 bytes for one colour): such files are padded with zeros after their
     * RIFF end ({@link ImageHeader.Variant#WEBP_PADDED}), which libwebp ignores.
     */
    public static final int OPENCV_MIN_BYTES = 36;

    /**
     * The most chunks a (still) VP8X file may have. libwebp skips unknown chunks one by one, so
     * 12 MB of empty chunks (1.5 million) took 2.8 s to convert a 128×128 image. A still image
     * has a handful (VP8X, ICCP, ALPH, VP8/VP8L, EXIF, XMP).
     */
    static final int MAX_CHUNKS = 1000;

    /** The most chunks of an animated file (one per frame): real animations have hundreds of frames. */
    static final int MAX_ANIMATION_CHUNKS = 10_000;

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, "RIFF") && s.startsWith(8, "WEBP") ? Format.WEBP : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        int len = s.length();
        long riffSize = s.u32le(4);
        String defect = null;
        if (riffSize + 8 > len) {
            defect = "truncated: RIFF declares " + (riffSize + 8) + " bytes, have " + len;
        }
        long end = Math.min(len, riffSize + 8); // chunks beyond the RIFF size are not part of the file
        long off = 12;
        if (!s.has(off, 8)) {
            throw HeaderChecks.corrupt(Format.WEBP, "truncated before the first chunk");
        }
        String fourcc = s.fourCc(off);
        long size = s.u32le(off + 4);
        long data = off + 8;
        if (riffSize < 12 || data + size > riffSize + 8) {
            // libwebp checks the first chunk against the RIFF size and gives up if it does not fit
            String what = "RIFF size " + riffSize + " does not hold the " + fourcc.trim() + " chunk of " + size + " bytes";
            defect = defect != null ? defect : what;
        }
        switch (fourcc) {
            case "VP8 ": {
                // frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height
                if (!s.has(data, 10)) {
                    throw HeaderChecks.corrupt(Format.WEBP, "VP8 frame header cut short");
                }
                if ((s.u8(data) & 1) != 0 || !s.startsWith(data + 3, 0x9d, 0x01, 0x2a)) {
                    throw HeaderChecks.corrupt(Format.WEBP, "VP8 chunk does not start with a key frame");
                }
                int w = s.u16le(data + 6) & 0x3FFF;
                int h = s.u16le(data + 8) & 0x3FFF;
                checkSize(w, h);
                if (defect == null && !s.has(data, size)) {
                    defect = "truncated inside VP8 chunk";
                }
                return padded(new ImageHeader(Format.WEBP, w, h, 3, 8, -1, ColorModel.RGB, defect), len);
            }
            case "VP8L": {
                if (!s.has(data, 5)) {
                    throw HeaderChecks.corrupt(Format.WEBP, "VP8L header cut short");
                }
                if (s.u8(data) != 0x2F) {
                    throw HeaderChecks.corrupt(Format.WEBP, "VP8L chunk lacks its signature byte 0x2f");
                }
                long bits = s.u32le(data + 1);
                int w = (int) (bits & 0x3FFF) + 1;
                int h = (int) (bits >>> 14 & 0x3FFF) + 1;
                boolean alpha = (bits >>> 28 & 1) != 0;
                if (defect == null && !s.has(data, size)) {
                    defect = "truncated inside VP8L chunk";
                }
                return padded(new ImageHeader(Format.WEBP, w, h, alpha ? 4 : 3, 8, -1,
                        alpha ? ColorModel.RGBA : ColorModel.RGB, defect), len);
            }
            case "VP8X": {
                if (!s.has(data, 10)) {
                    throw HeaderChecks.corrupt(Format.WEBP, "VP8X header cut short");
                }
                int flags = s.u8(data);
                boolean animated = (flags & 0x02) != 0;
                boolean alpha = (flags & 0x10) != 0;
                int w = s.u24le(data + 4) + 1;
                int h = s.u24le(data + 7) + 1;
                int orientation = -1;
                boolean image = false;
                long p = data + size + (size & 1);
                int chunks = 1;
                while (p + 8 <= end) {
                    int cap = (flags & 0x02) != 0 ? MAX_ANIMATION_CHUNKS : MAX_CHUNKS;
                    if (++chunks > cap) { // refused in lenient mode too: a CPU bomb, not damage
                        throw new ImageTooLargeException("WebP: more than " + cap + " chunks");
                    }
                    String cc = s.fourCc(p);
                    long cs = s.u32le(p + 4);
                    if (cc.equals("EXIF") && orientation < 0 && s.has(p + 8, cs)) {
                        orientation = Tiff.exifOrientation(s.slice(p + 8, cs));
                    }
                    if (cc.equals("ANMF")) {
                        animated = true;
                        image = true;
                    }
                    if (cc.equals("VP8 ") || cc.equals("VP8L")) {
                        image = true;
                    }
                    if (!s.has(p + 8, cs)) {
                        if (defect == null) {
                            defect = "truncated inside " + cc.trim() + " chunk";
                        }
                        break;
                    }
                    p += 8 + cs + (cs & 1);
                }
                if (defect == null && !image) {
                    defect = "no image data chunk";
                }
                if (animated) { // the first frame, on a canvas that may show through around it: alpha
                    return new ImageHeader(Format.WEBP, w, h, 4, 8, orientation, ColorModel.RGBA, defect)
                            .withVariant(ImageHeader.Variant.WEBP_FIRST_FRAME);
                }
                return padded(new ImageHeader(Format.WEBP, w, h, alpha ? 4 : 3, 8, orientation,
                        alpha ? ColorModel.RGBA : ColorModel.RGB, defect), len);
            }
            default:
                throw HeaderChecks.corrupt(Format.WEBP, "first chunk is \"" + HeaderChecks.printable(fourcc)
                        + "\", not VP8, VP8L or VP8X");
        }
    }

    /** {@code header}, routed through padding when the file is shorter than OpenCV's header read. */
    private static ImageHeader padded(ImageHeader header, int length) {
        return length < OPENCV_MIN_BYTES ? header.withVariant(ImageHeader.Variant.WEBP_PADDED) : header;
    }

    private static void checkSize(int w, int h) {
        if (w == 0 || h == 0) {
            throw HeaderChecks.corrupt(Format.WEBP, "frame header declares " + w + "x" + h + " (zero dimension)");
        }
    }
}
