package dev.imbytes.internal.probe.tiff;

import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.ByteReader;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Whether the compressed strips or tiles of a TIFF's first image decode to the bytes the image
 * needs. libtiff reports undecodable data only to OpenCV's error handler, and OpenCV's RGBA path
 * then returns the image anyway, black where the data failed: the only way to tell a good result
 * from a silently wrong one is to check the streams first. LZW, deflate and PackBits are checked
 * (the compressions libtiff can lose data in without a trace); the work is one decompression, with
 * a fixed 64 KB of scratch, and stops at the bytes each block needs.
 */
final class TiffStreams {
    private static final int LZW = 5;
    private static final int DEFLATE = 8;
    private static final int ADOBE_DEFLATE = 32946;
    private static final int PACKBITS = 32773;

    private TiffStreams() {
    }

    /** Null when every block decodes to at least the bytes it needs; otherwise what is wrong. */
    static String defect(ByteReader s, ImageHeader h) {
        Tiff t = Tiff.open(s);
        long ifd = t.firstIfd();
        long compression = t.read(ifd, Tiff.TAG_COMPRESSION)[0];
        if (compression != LZW && compression != DEFLATE && compression != ADOBE_DEFLATE && compression != PACKBITS) {
            return null;
        }
        TiffProbe.Blocks b = TiffProbe.blocks(t, ifd, h.width(), h.height(), h.channels());
        Tiff.Field offsets = t.field(ifd, b.tiled() ? Tiff.TAG_TILE_OFFSETS : Tiff.TAG_STRIP_OFFSETS);
        Tiff.Field counts = t.field(ifd, b.tiled() ? Tiff.TAG_TILE_BYTE_COUNTS : Tiff.TAG_STRIP_BYTE_COUNTS);
        long samples = b.planes() > 1 ? 1 : h.channels();
        long rowBytes = (b.width() * samples * Math.max(1, h.bitDepth()) + 7) / 8;
        for (long i = 0; i < b.count(); i++) {
            long rows = b.tiled() ? b.rows() : Math.min(b.rows(), h.height() - i % b.down() * b.rows());
            long need = rowBytes * rows;
            ByteReader data = s.slice(t.value(offsets, i), t.value(counts, i));
            long got = compression == LZW ? lzw(data, need) : compression == PACKBITS ? packBits(data, need) : inflate(data, need);
            if (got < need) {
                return (b.tiled() ? "tile " : "strip ") + i + " decodes to " + (got < 0 ? "an error" : got + " bytes")
                        + ", the image needs " + need;
            }
        }
        return null;
    }

    /**
     * The bytes TIFF LZW data decodes to (codes MSB first, 9 to 12 bits, widths growing one code
     * early as libtiff expects), up to {@code need}; -1 for a code the table cannot hold.
     */
    static long lzw(ByteReader d, long need) {
        if (d.length() >= 2 && d.u8(0) == 0 && (d.u8(1) & 1) == 1) {
            return need; // old-style (LSB first) LZW: libtiff's compatibility decoder, not checked here
        }
        int[] length = new int[4096];
        int next = 258;
        int bits = 9;
        int previous = -1;
        long out = 0;
        long bitPos = 0;
        long totalBits = (long) d.length() * 8;
        while (out < need && bitPos + bits <= totalBits) {
            int code = readBits(d, bitPos, bits);
            bitPos += bits;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                next = 258;
                bits = 9;
                previous = -1;
                continue;
            }
            if (previous < 0) {
                if (code > 255) {
                    return -1;
                }
                out += 1;
                previous = 1;
                continue;
            }
            if (code > next) {
                return -1;
            }
            int len = code < 256 ? 1 : code < next ? length[code] : previous + 1;
            if (next < 4096) {
                length[next++] = previous + 1;
                if (next == (1 << bits) - 1 && bits < 12) {
                    bits++;
                }
            }
            out += len;
            previous = len;
        }
        return out;
    }

    private static int readBits(ByteReader d, long bitPos, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            long p = bitPos + i;
            v = v << 1 | d.u8(p >>> 3) >>> (7 - (int) (p & 7)) & 1;
        }
        return v;
    }

    /** The bytes PackBits data decodes to, up to {@code need}. */
    static long packBits(ByteReader d, long need) {
        long out = 0;
        long p = 0;
        while (out < need && p < d.length()) {
            int n = (byte) d.u8(p++);
            if (n >= 0) {
                long run = Math.min(n + 1L, d.length() - p);
                out += run;
                p += run;
            } else if (n != -128) {
                if (p >= d.length()) {
                    break;
                }
                out += 1 - n;
                p++;
            }
        }
        return out;
    }

    /** The bytes zlib data inflates to, up to {@code need}; -1 when the stream is invalid. */
    static long inflate(ByteReader d, long need) {
        Inflater inf = new Inflater();
        try {
            inf.setInput(d.window(0, d.length()));
            byte[] scratch = new byte[65536];
            long out = 0;
            while (out < need && !inf.finished()) {
                int n = inf.inflate(scratch);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                out += n;
            }
            return out;
        } catch (DataFormatException e) {
            return -1;
        } finally {
            inf.end();
        }
    }
}
