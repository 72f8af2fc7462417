package dev.imbytes.internal.probe;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;

/**
 * GIF: the logical screen, widened to every frame's rectangle (a frame may reach past the screen,
 * and the decoder allocates what the frames need), and the colour table's depth. Only the first
 * frame is decoded, by the JDK's GIF reader (OpenCV 4.9 has no GIF codec), after these checks.
 */
final class GifProbe implements FormatProbe {

    /**
     * The most frames a GIF may have. Each is walked here (a few bytes can make an empty frame),
     * so a file of a million frames is a CPU bomb; real animations have hundreds.
     */
    static final int MAX_FRAMES = 10_000;

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, "GIF87a") || s.startsWith(0, "GIF89a") ? Format.GIF : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        int w = s.u16le(6);
        int h = s.u16le(8);
        int flags = s.u8(10);
        int depth = -1;
        long off = 13;
        if ((flags & 0x80) != 0) {
            depth = (flags & 7) + 1;
            off += 3L << depth;
        }
        // Walk the blocks for image descriptors; the data ends the walk at worst (each step advances).
        int len = s.length();
        int frames = 0;
        String defect = null;
        walk:
        while (off < len) {
            int b = s.u8(off);
            switch (b) {
                case 0x2C: { // image descriptor
                    if (!s.has(off, 10)) {
                        break walk;
                    }
                    int x = s.u16le(off + 1);
                    int y = s.u16le(off + 3);
                    int fw = s.u16le(off + 5);
                    int fh = s.u16le(off + 7);
                    int lflags = s.u8(off + 9);
                    w = Math.max(w, x + fw);
                    h = Math.max(h, y + fh);
                    off += 10;
                    if ((lflags & 0x80) != 0) {
                        if (depth < 0) {
                            depth = (lflags & 7) + 1;
                        }
                        off += 3L << ((lflags & 7) + 1);
                    }
                    if (++frames > MAX_FRAMES) { // refused in lenient mode too: a CPU bomb, not damage
                        throw new ImageTooLargeException("GIF: more than " + MAX_FRAMES + " frames");
                    }
                    off += 1; // LZW minimum code size
                    off = skipSubBlocks(s, off);
                    if (off == CUT_SHORT && frames == 1) {
                        defect = "truncated inside the first frame's image data";
                    }
                    break;
                }
                case 0x21: // extension: label, then sub-blocks
                    off = skipSubBlocks(s, off + 2);
                    break;
                default: // trailer (0x3B) or garbage
                    break walk;
            }
        }
        if (w == 0 || h == 0) {
            throw HeaderChecks.corrupt(Format.GIF, "logical screen and frames are " + w + "x" + h + " (zero dimension)");
        }
        if (frames == 0 && defect == null) {
            defect = "no image in the file";
        }
        return new ImageHeader(Format.GIF, w, h, 1, depth < 0 ? 8 : depth, -1, ColorModel.PALETTE, defect)
                .withVariant(ImageHeader.Variant.JDK_IMAGEIO);
    }

    /** What {@link #skipSubBlocks} returns when the data ends before the sub-blocks do. */
    private static final long CUT_SHORT = Long.MAX_VALUE;

    /** Offset after a sequence of sub-blocks ending with a zero-length block; {@link #CUT_SHORT} when the data ends first. */
    private static long skipSubBlocks(ByteReader s, long off) {
        int len = s.length();
        while (off < len) {
            int n = s.u8(off);
            off += 1 + n;
            if (n == 0) {
                return off;
            }
        }
        return CUT_SHORT;
    }
}
