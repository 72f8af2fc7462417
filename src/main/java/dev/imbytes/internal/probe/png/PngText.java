package dev.imbytes.internal.probe.png;

import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.tiff.Tiff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * EXIF orientation hidden in PNG text chunks: ImageMagick writes the EXIF block as a hex "raw
 * profile" in a tEXt, zTXt or iTXt chunk, and OpenCV's PNG decoder does not read it.
 */
final class PngText {

    /** Decompressed text chunks are cut off at this size. */
    static final int INFLATE_CAP = 1 << 20;

    private PngText() {
    }

    /**
     * The orientation in an ImageMagick "Raw profile type exif" (or APP1) text chunk, or -1.
     * The profile is "\nexif\n   length\nhexdigits...", possibly zlib-compressed (zTXt, iTXt).
     */
    static int orientation(ByteReader c, String type) {
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
            return exif == null ? -1 : Tiff.exifOrientation(ByteReader.of(exif));
        } catch (ByteReader.OutOfData e) {
            return -1;
        }
    }

    /** Index of the first byte {@code value} in [from, from+max), or -1. */
    private static int indexOf(ByteReader s, long from, int value, int max) {
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
