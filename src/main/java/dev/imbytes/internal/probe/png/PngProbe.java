package dev.imbytes.internal.probe.png;

import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.tiff.Tiff;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;
import java.util.zip.CRC32;

/** PNG header reading: IHDR, a walk over every chunk (lengths, CRCs, IDAT/IEND, PLTE/tRNS rules, the chunk cap) and EXIF orientation (eXIf, or text chunks through {@link PngText}). */
public final class PngProbe implements FormatProbe {

    /**
     * The most chunks a PNG may have. Each chunk costs the probe, the sanitiser and libpng a fixed
     * amount of work whatever its size, so 256 MiB of empty chunks would cost a minute of CPU for
     * a 1×1 image. libpng writes 8 KiB IDAT chunks (32,768 for 256 MiB); an encoder writing one
     * IDAT per row stays under 65,536 (the largest side); real files add a handful of others.
     */
    static final int MAX_CHUNKS = 100_000;

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A) ? Format.PNG : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        // signature (8) + length (4) + "IHDR" (4) + 13 bytes of data
        if (!s.has(8, 8 + 13)) {
            throw HeaderChecks.corrupt(Format.PNG, "truncated before the end of IHDR (" + s.length() + " bytes)");
        }
        long ihdrLen = s.u32be(8);
        if (!s.startsWith(12, "IHDR")) {
            throw HeaderChecks.corrupt(Format.PNG, "first chunk is \"" + HeaderChecks.printable(s.fourCc(12)) + "\", not IHDR");
        }
        if (ihdrLen != 13) {
            throw HeaderChecks.corrupt(Format.PNG, "IHDR has length " + ihdrLen + ", not 13");
        }
        long w = s.u32be(16);
        long h = s.u32be(20);
        int depth = s.u8(24);
        int colorType = s.u8(25);
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw HeaderChecks.corrupt(Format.PNG, "IHDR declares invalid dimensions " + w + "x" + h);
        }
        int channels;
        ColorModel color;
        switch (colorType) {
            case 0: channels = 1; color = ColorModel.GRAY; break;
            case 2: channels = 3; color = ColorModel.RGB; break;
            case 3: channels = 1; color = ColorModel.PALETTE; break;
            case 4: channels = 2; color = ColorModel.GRAY_ALPHA; break;
            case 6: channels = 4; color = ColorModel.RGBA; break;
            default: channels = 0; color = ColorModel.UNKNOWN; break;
        }
        String defect = null;
        if (channels == 0) {
            defect = "invalid colour type " + colorType + " in IHDR";
        } else if (!validDepth(colorType, depth)) {
            defect = "invalid bit depth " + depth + " for colour type " + colorType + " in IHDR";
        } else if (s.u8(26) != 0 || s.u8(27) != 0 || s.u8(28) > 1) {
            defect = "invalid compression, filter or interlace method in IHDR";
        }

        int orientation = -1;
        boolean idat = false;
        boolean iend = false;
        CRC32 crc = new CRC32();
        PngChunkRules rules = new PngChunkRules(colorType, depth);
        int chunks = 0;
        long off = 8;
        int len = s.length();
        while (true) {
            if (off == len) {
                if (defect == null) {
                    defect = idat ? "no IEND chunk: truncated" : "truncated before any IDAT";
                }
                break;
            }
            if (!s.has(off, 8)) {
                if (defect == null) {
                    defect = "truncated inside a chunk header";
                }
                break;
            }
            if (++chunks > MAX_CHUNKS) { // refused in lenient mode too: it is a CPU bomb, not damage
                throw new ImageTooLargeException("PNG: more than " + MAX_CHUNKS + " chunks");
            }
            long clen = s.u32be(off);
            String name = s.fourCc(off + 4);
            if (!validType(s, off + 4)) {
                if (defect == null) {
                    defect = "invalid chunk type at offset " + off;
                }
                break;
            }
            if (off > 8 && name.equals("IHDR") && defect == null) {
                defect = "second IHDR chunk";
            }
            if (clen > Integer.MAX_VALUE) {
                if (defect == null) {
                    defect = "bad length " + clen + " in chunk " + name;
                }
                break;
            }
            long data = off + 8;
            if (!s.has(data, clen + 4)) {
                if (defect == null) {
                    defect = "truncated inside " + name;
                }
                break;
            }
            crc.reset();
            crc.update(s.window(off + 4, (int) clen + 4));
            if (crc.getValue() != s.u32be(data + clen) && defect == null) {
                defect = "bad CRC in chunk " + name;
            }
            if (rules.next(name, clen) == PngChunkRules.Verdict.REFUSE) {
                // libpng would print its error and return nothing, so lenient mode gains nothing either
                throw HeaderChecks.corrupt(Format.PNG, rules.reason());
            }
            switch (name) {
                case "IDAT":
                    idat = true;
                    break;
                case "IEND":
                    iend = true;
                    break;
                case "eXIf":
                    if (orientation < 0) {
                        orientation = Tiff.exifOrientation(s.slice(data, clen));
                    }
                    break;
                case "tEXt":
                case "zTXt":
                case "iTXt":
                    if (orientation < 0) {
                        orientation = PngText.orientation(s.slice(data, clen), name);
                    }
                    break;
                default:
                    break;
            }
            if (iend) {
                break;
            }
            off = data + clen + 4;
        }
        if (defect == null && !idat) {
            defect = "no IDAT chunk";
        }
        return new ImageHeader(Format.PNG, (int) w, (int) h, channels, depth, orientation, color, defect);
    }

    private static boolean validDepth(int colorType, int d) {
        switch (colorType) {
            case 0: return d == 1 || d == 2 || d == 4 || d == 8 || d == 16;
            case 3: return d == 1 || d == 2 || d == 4 || d == 8;
            default: return d == 8 || d == 16;
        }
    }

    private static boolean validType(ByteReader s, long at) {
        for (int i = 0; i < 4; i++) {
            int c = s.u8(at + i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }
}
