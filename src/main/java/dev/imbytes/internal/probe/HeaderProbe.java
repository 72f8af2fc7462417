package dev.imbytes.internal.probe;

import dev.imbytes.internal.probe.jpeg.JpegProbe;
import dev.imbytes.internal.probe.png.PngProbe;
import dev.imbytes.internal.probe.tiff.TiffProbe;

import dev.imbytes.CorruptImageException;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.UnsupportedFormatException;
import java.nio.ByteBuffer;

/**
 * Reads an image's format and header in plain Java, without any native call: enough to check
 * limits, EXIF orientation and structural completeness before OpenCV sees the bytes.
 *
 * <p>Every read is bounds-checked against the buffer's limit, loops are bounded by the data
 * length, and allocations are bounded (decompressed text is capped at 1 MB). The only
 * exceptions thrown are {@link UnsupportedFormatException} and {@link CorruptImageException}.
 */
public final class HeaderProbe {

    private HeaderProbe() {
    }

    /**
     * Format from magic bytes, or null when unrecognised. Reads the buffer from its position to
     * its limit and never changes the position.
     */
    public static Format sniff(ByteBuffer data) {
        if (data == null) {
            return null;
        }
        return sniff(new Src(data));
    }

    static Format sniff(Src s) {
        if (s.startsWith(0, 0xFF, 0xD8, 0xFF)) {
            return Format.JPEG;
        }
        if (s.startsWith(0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Format.PNG;
        }
        if (s.startsWith(0, "RIFF") && s.startsWith(8, "WEBP")) {
            return Format.WEBP;
        }
        if (s.startsWith(0, 'I', 'I', 42, 0) || s.startsWith(0, 'M', 'M', 0, 42)
                || s.startsWith(0, 'I', 'I', 43, 0) || s.startsWith(0, 'M', 'M', 0, 43)) {
            return Format.TIFF;
        }
        if (s.startsWith(0, "GIF87a") || s.startsWith(0, "GIF89a")) {
            return Format.GIF;
        }
        if (s.startsWith(0, 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A)
                || s.startsWith(0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return Format.JPEG2000;
        }
        if (s.startsWith(0, 0x76, 0x2F, 0x31, 0x01)) {
            return Format.EXR;
        }
        if (s.startsWith(0, 0x59, 0xA6, 0x6A, 0x95)) {
            return Format.SUN_RASTER;
        }
        if (s.startsWith(0, "#?RADIANCE") || s.startsWith(0, "#?RGBE")) {
            return Format.HDR;
        }
        if (s.startsWith(0, "BM")) {
            return Format.BMP;
        }
        if (s.has(0, 3) && s.u8(0) == 'P' && TextProbes.isSpace(s.u8(2))) {
            switch (s.u8(1)) {
                case '1': case '4': return Format.PBM;
                case '2': case '5': return Format.PGM;
                case '3': case '6': return Format.PPM;
                case '7': return Format.PAM;
                case 'F': case 'f': return Format.PFM;
                default: return null;
            }
        }
        return null;
    }

    /**
     * The full header.
     *
     * @throws UnsupportedFormatException when no format is recognised (the message shows the first bytes in hex)
     * @throws CorruptImageException when the format is recognised but its header cannot be read
     */
    public static ImageHeader probe(ByteBuffer data) {
        if (data == null) {
            throw new UnsupportedFormatException("no image data (null buffer)");
        }
        Src s = new Src(data);
        Format f = sniff(s);
        if (f == null) {
            throw new UnsupportedFormatException(s.length() == 0 ? "unrecognised image format: the data is empty"
                    : "unrecognised image format (" + s.length() + " bytes); first bytes: " + s.hexPrefix(16));
        }
        try {
            switch (f) {
                case JPEG: return JpegProbe.probe(s);
                case PNG: return PngProbe.probe(s);
                case WEBP: return WebpProbe.probe(s);
                case TIFF: return TiffProbe.probe(s);
                case BMP: return BmpProbe.probe(s);
                case GIF: return gif(s);
                case JPEG2000: return MiscProbes.jpeg2000(s);
                case EXR: return MiscProbes.exr(s);
                case SUN_RASTER: return MiscProbes.sunRaster(s);
                case HDR: return TextProbes.hdr(s);
                case PFM: return TextProbes.pfm(s);
                default: return TextProbes.pnm(s, f);
            }
        } catch (ImageException e) {
            throw e; // already typed: a probe may refuse a bomb or an unsupported variant, not only damage
        } catch (Src.OutOfData e) {
            throw corrupt(f, "header truncated (" + s.length() + " bytes; needed data at offset " + e.offset + ")");
        } catch (RuntimeException e) {
            throw new CorruptImageException(name(f) + ": unreadable header (" + e + ")", e);
        }
    }

    public static CorruptImageException corrupt(Format f, String what) {
        return new CorruptImageException(name(f) + ": " + what);
    }

    private static String name(Format f) {
        return f.displayName(); // the names live in Format's table
    }

    public static int dimension(Format f, String what, long v) {
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw corrupt(f, "invalid " + what + " " + v);
        }
        return (int) v;
    }

    // ---- GIF -----------------------------------------------------------------------------

    private static ImageHeader gif(Src s) {
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
                    off += 1; // LZW minimum code size
                    off = skipSubBlocks(s, off);
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
            throw corrupt(Format.GIF, "logical screen and frames are " + w + "x" + h + " (zero dimension)");
        }
        return new ImageHeader(Format.GIF, w, h, 1, depth < 0 ? 8 : depth, -1, "palette", null);
    }

    /** Offset after a sequence of sub-blocks ending with a zero-length block; the data length at worst. */
    private static long skipSubBlocks(Src s, long off) {
        int len = s.length();
        while (off < len) {
            int n = s.u8(off);
            off += 1 + n;
            if (n == 0) {
                return off;
            }
        }
        return len;
    }
}
