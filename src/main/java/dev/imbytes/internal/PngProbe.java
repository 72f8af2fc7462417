package dev.imbytes.internal;

import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** PNG header reading: IHDR, a walk over every chunk (lengths, CRCs, IDAT/IEND) and EXIF orientation. */
final class PngProbe {

    /** Decompressed text chunks are cut off at this size. */
    static final int INFLATE_CAP = 1 << 20;

    /**
     * The most chunks a PNG may have. Each chunk costs the probe, the sanitiser and libpng a fixed
     * amount of work whatever its size, so 256 MiB of empty chunks would cost a minute of CPU for
     * a 1×1 image. libpng writes 8 KiB IDAT chunks (32,768 for 256 MiB); an encoder writing one
     * IDAT per row stays under 65,536 (the largest side); real files add a handful of others.
     */
    static final int MAX_CHUNKS = 100_000;

    private PngProbe() {
    }

    static ImageHeader probe(Src s) {
        // signature (8) + length (4) + "IHDR" (4) + 13 bytes of data
        if (!s.has(8, 8 + 13)) {
            throw HeaderProbe.corrupt(Format.PNG, "truncated before the end of IHDR (" + s.length() + " bytes)");
        }
        long ihdrLen = s.u32be(8);
        if (!s.startsWith(12, "IHDR")) {
            throw HeaderProbe.corrupt(Format.PNG, "first chunk is \"" + chunkName(s, 12) + "\", not IHDR");
        }
        if (ihdrLen != 13) {
            throw HeaderProbe.corrupt(Format.PNG, "IHDR has length " + ihdrLen + ", not 13");
        }
        long w = s.u32be(16);
        long h = s.u32be(20);
        int depth = s.u8(24);
        int colorType = s.u8(25);
        if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
            throw HeaderProbe.corrupt(Format.PNG, "IHDR declares invalid dimensions " + w + "x" + h);
        }
        int channels;
        String color;
        switch (colorType) {
            case 0: channels = 1; color = "gray"; break;
            case 2: channels = 3; color = "rgb"; break;
            case 3: channels = 1; color = "palette"; break;
            case 4: channels = 2; color = "gray+alpha"; break;
            case 6: channels = 4; color = "rgba"; break;
            default: channels = 0; color = ""; break;
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
            String name = chunkName(s, off + 4);
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
                throw HeaderProbe.corrupt(Format.PNG, rules.reason());
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
                        orientation = textOrientation(s.slice(data, clen), name);
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

    private static boolean validType(Src s, long at) {
        for (int i = 0; i < 4; i++) {
            int c = s.u8(at + i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
                return false;
            }
        }
        return true;
    }

    private static String chunkName(Src s, long at) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4 && s.has(at + i, 1); i++) {
            int c = s.u8(at + i);
            sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
        }
        return sb.toString();
    }

    /**
     * The orientation in an ImageMagick "Raw profile type exif" (or APP1) text chunk, or -1.
     * The profile is "\nexif\n   length\nhexdigits...", possibly zlib-compressed (zTXt, iTXt).
     */
    static int textOrientation(Src c, String type) {
        try {
            int nul = indexOf(c, 0, 0, 80);
            if (nul < 0) {
                return -1;
            }
            String keyword = new String(c.copy(0, nul), StandardCharsets.ISO_8859_1);
            if (!keyword.equals("Raw profile type exif") && !keyword.equals("Raw profile type APP1")) {
                return -1;
            }
            byte[] text;
            long p = nul + 1L;
            if (type.equals("tEXt")) {
                text = c.copy(p, (int) (c.length() - p));
            } else if (type.equals("zTXt")) {
                if (c.u8(p) != 0) {
                    return -1;
                }
                text = inflate(c.copy(p + 1, (int) (c.length() - p - 1)));
            } else { // iTXt
                int compressed = c.u8(p);
                int method = c.u8(p + 1);
                int lang = indexOf(c, p + 2, 0, c.length());
                if (lang < 0) {
                    return -1;
                }
                int trans = indexOf(c, lang + 1L, 0, c.length());
                if (trans < 0) {
                    return -1;
                }
                byte[] raw = c.copy(trans + 1L, (int) (c.length() - trans - 1L));
                if (compressed == 1) {
                    if (method != 0) {
                        return -1;
                    }
                    text = inflate(raw);
                } else {
                    text = raw;
                }
            }
            if (text == null) {
                return -1;
            }
            byte[] exif = decodeRawProfile(text);
            return exif == null ? -1 : Tiff.exifOrientation(Src.of(exif));
        } catch (Src.OutOfData e) {
            return -1;
        }
    }

    /** Index of the first byte {@code value} in [from, from+max), or -1. */
    private static int indexOf(Src s, long from, int value, int max) {
        long end = Math.min(s.length(), from + max);
        for (long i = from; i < end; i++) {
            if (s.u8(i) == value) {
                return (int) i;
            }
        }
        return -1;
    }

    /** zlib-inflates at most {@link #INFLATE_CAP} bytes; what was decoded before an error is kept; null if nothing. */
    static byte[] inflate(byte[] in) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (out.size() < INFLATE_CAP && !inf.finished()) {
                int n;
                try {
                    n = inf.inflate(buf, 0, Math.min(buf.length, INFLATE_CAP - out.size()));
                } catch (DataFormatException e) {
                    break;
                }
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out.write(buf, 0, n);
            }
            return out.size() == 0 ? null : out.toByteArray();
        } finally {
            inf.end();
        }
    }

    /** Decodes ImageMagick's raw-profile text ("\nname\n  length\nhex...") into bytes, or null. */
    static byte[] decodeRawProfile(byte[] t) {
        int i = 0;
        int n = t.length;
        while (i < n && isSpace(t[i])) {
            i++;
        }
        while (i < n && t[i] != '\n') { // profile name
            i++;
        }
        while (i < n && isSpace(t[i])) {
            i++;
        }
        long declared = 0;
        int digits = 0;
        while (i < n && t[i] >= '0' && t[i] <= '9') {
            declared = declared * 10 + (t[i] - '0');
            if (declared > INFLATE_CAP) {
                declared = INFLATE_CAP;
            }
            digits++;
            i++;
        }
        if (digits == 0 || declared == 0) {
            return null;
        }
        int max = (int) Math.min(declared, (n - i) / 2);
        byte[] out = new byte[max];
        int o = 0;
        int hi = -1;
        for (; i < n && o < max; i++) {
            int v = hexValue(t[i]);
            if (v < 0) {
                if (isSpace(t[i])) {
                    continue;
                }
                break;
            }
            if (hi < 0) {
                hi = v;
            } else {
                out[o++] = (byte) (hi << 4 | v);
                hi = -1;
            }
        }
        return o == 0 ? null : java.util.Arrays.copyOf(out, o);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
