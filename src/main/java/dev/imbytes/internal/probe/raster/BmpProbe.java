package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/**
 * BMP header reading, and the checks that keep OpenCV's BMP decoder from failing loudly: it
 * trusts the colour count, the header size and the pixel data offset, and reads them with
 * assertions that print on stderr before throwing.
 */
public final class BmpProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, "BM") ? Format.BMP : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        long pixelOffset = s.u32le(10);
        long dib = s.u32le(14);
        long w;
        long h;
        int bitCount;
        long compression = 0;
        if (dib == 12) { // BITMAPCOREHEADER
            w = s.u16le(18);
            h = s.u16le(20);
            bitCount = s.u16le(24);
        } else if (dib >= 16 && dib <= 4096) {
            w = s.s32le(18);
            h = s.s32le(22);
            bitCount = s.u16le(28);
            if (dib >= 20) {
                compression = s.u32le(30);
            }
        } else {
            throw HeaderChecks.corrupt(Format.BMP, "unknown info header size " + dib);
        }
        h = Math.abs(h); // negative height: rows stored top-down
        int width = HeaderChecks.dimension(Format.BMP, "width", w);
        int height = HeaderChecks.dimension(Format.BMP, "height", h);
        int channels;
        int depth;
        ColorModel color;
        String defect = null;
        switch (bitCount) {
            case 1: case 2: case 4: case 8:
                channels = 1; depth = bitCount; color = ColorModel.PALETTE; break;
            case 16:
                channels = 3; depth = 5; color = ColorModel.RGB; break;
            case 24:
                channels = 3; depth = 8; color = ColorModel.RGB; break;
            case 32: {
                long alphaMask = 0;
                if ((dib >= 56 || dib == 40 && compression == 6) && s.has(66, 4)) {
                    alphaMask = s.u32le(66);
                }
                channels = alphaMask != 0 ? 4 : 3;
                depth = 8;
                color = alphaMask != 0 ? ColorModel.RGBA : ColorModel.RGB;
                break;
            }
            default:
                channels = 0; depth = bitCount; color = ColorModel.UNKNOWN;
                if (!(bitCount == 0 && (compression == 4 || compression == 5))) {
                    defect = "invalid bit count " + bitCount;
                }
                break;
        }
        if (defect == null && compression > 3) {
            // OpenCV's BMP decoder knows RGB, RLE8, RLE4 and BITFIELDS only; anything else trips an
            // assertion that it logs on stderr before failing.
            defect = "BMP compression " + compression + " is not supported by the decoder";
        }
        String header = headerReadDefect(s, dib, bitCount, compression);
        if (header != null) { // OpenCV would fail reading its header, loudly: nothing for lenient mode to gain
            throw HeaderChecks.corrupt(Format.BMP, header);
        }
        boolean uncompressed = compression == 0 || compression == 3 && (bitCount == 16 || bitCount == 32)
                || compression == 6;
        if (defect == null && channels > 0 && uncompressed) {
            long stride = ((long) width * bitCount + 31) / 32 * 4;
            long need = pixelOffset + stride * height;
            if (need > s.length()) {
                defect = "truncated: pixel data needs " + need + " bytes, have " + s.length();
            }
        }
        if (defect == null && pixelOffset >= s.length()) {
            defect = "pixel data offset " + pixelOffset + " is outside the data (" + s.length() + " bytes)";
        }
        ImageHeader read = new ImageHeader(Format.BMP, width, height, channels, depth, -1, color, defect);
        return os2Rewritten(dib, bitCount) ? read.withVariant(ImageHeader.Variant.BMP_OS2_PALETTE) : read;
    }

    /**
     * Whether OpenCV 4.9 misreads or refuses this OS/2 header, so that the file is rewritten with a
     * Windows header first: it reads a 12-byte OS/2 1.x palette as 4-byte entries (wrong colours),
     * and refuses the 16-byte OS/2 2.x header.
     */
    static boolean os2Rewritten(long dib, int bitCount) {
        return dib == 12 && bitCount >= 1 && bitCount <= 8 || dib == 16 && (bitCount <= 8 || bitCount == 24);
    }

    /**
     * What OpenCV 4.9's BMP header reader would fail on, printing an assertion or "Unexpected end
     * of input stream" before giving up: a colour count (clrUsed) over 256 for a palette image, or
     * a header, palette or colour-mask read past the end of the data. It reads
     * {@code 14 + infoSize} bytes of header, then the palette ({@code clrUsed} entries, or
     * {@code 2^bits} when clrUsed is 0; 3 bytes each for a 12-byte core header, 4 otherwise), and
     * for 16-bit BITFIELDS three masks after the header.
     */
    private static String headerReadDefect(ByteReader s, long dib, int bitCount, long compression) {
        long paletteEntries = 0;
        if (bitCount >= 1 && bitCount <= 8) {
            long clrUsed = dib >= 36 ? s.u32le(46) : 0;
            if (clrUsed > 256) {
                return "colour table of " + clrUsed + " entries (at most 256)";
            }
            paletteEntries = clrUsed == 0 ? 1L << bitCount : clrUsed;
        }
        long need = 14 + dib + paletteEntries * (dib == 12 ? 3 : 4);
        if (bitCount == 16 && compression == 3) {
            need += 12;
        }
        return need > s.length() ? "truncated: header and colour table need " + need + " bytes, have " + s.length() : null;
    }
}
