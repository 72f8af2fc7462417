package dev.imbytes.internal.probe.jpeg;

import dev.imbytes.internal.probe.ByteReader;

import dev.imbytes.ImageTooLargeException;
import java.util.Arrays;

/**
 * The part of a JPEG from its first scan to EOI, checked without decoding: the number of scans,
 * each scan header against the frame, and the markers between scans.
 *
 * <p>Why: libjpeg repeats its work over the whole image once per scan, so a small progressive
 * file with hundreds of scans costs seconds of CPU ({@link #MAX_SCANS}); and for scan headers it
 * does not like it prints a warning on stderr ("Invalid SOS parameters for sequential JPEG",
 * "Inconsistent progression sequence", "N extraneous bytes before marker") and decodes anyway.
 * Finding those here lets strict mode refuse the file instead. Damage inside the entropy-coded
 * data itself is out of reach: only a decoder sees it.
 *
 * <p>The entropy-coded data is walked for its markers with {@link ByteReader#nextFF}, eight bytes at a
 * time; the work is one pass over the file.
 */
final class JpegScans {

    /**
     * The most scans a JPEG may have. libjpeg-turbo's own tools stop at 500; real encoders write
     * far fewer (libjpeg's and jpegtran's progressive script: 10 for YCbCr, 18 for CMYK; mozjpeg's
     * scan optimisation picks about a dozen). Each scan can cost a pass over every block of the
     * image, so this is the factor between the cheapest and the dearest file of a given size.
     */
    static final int MAX_SCANS = 100;

    private JpegScans() {
    }

    /**
     * Walks from the first SOS segment to EOI.
     *
     * @param sosLength offset of the first SOS segment's length field
     * @param sofMarker the frame's SOFn marker (0xC0..0xCF)
     * @param compIds   the frame's component ids, in frame order
     * @return null when the scans are whole and consistent; otherwise what is wrong
     * @throws ImageTooLargeException when the file has more than {@link #MAX_SCANS} scans
     */
    static String check(ByteReader s, long sosLength, int sofMarker, int[] compIds) {
        boolean progressive = sofMarker == 0xC2 || sofMarker == 0xCA;
        int[][] coefBits = null;
        if (progressive) {
            coefBits = new int[compIds.length][64];
            for (int[] c : coefBits) {
                Arrays.fill(c, -1);
            }
        }
        int len = s.length();
        int scans = 0;
        String defect = null; // the first one; the walk goes on so that every scan is counted
        int marker = 0xDA;
        long off = sosLength;
        while (true) {
            if (!s.has(off, 2) || s.u16be(off) < 2 || !s.has(off, s.u16be(off))) {
                return "truncated inside segment 0x" + hex(marker);
            }
            int segLen = s.u16be(off);
            if (marker == 0xDA) {
                if (++scans > MAX_SCANS) {
                    throw new ImageTooLargeException("JPEG: more than " + MAX_SCANS
                            + " scans (each one can cost a pass over the whole image)");
                }
                String bad = scanHeader(s, off + 2, segLen - 2, compIds, progressive, coefBits);
                if (bad != null && defect == null) {
                    defect = "scan " + scans + ": " + bad;
                }
                off = entropyEnd(s, off + segLen);
            } else {
                off += segLen;
            }
            marker = 0;
            while (marker == 0) { // the next marker that has a length; standalone ones are skipped
                if (off >= len) {
                    return "no EOI marker: truncated";
                }
                if (s.u8(off) != 0xFF) {
                    // libjpeg skips such bytes (with a warning) and reads on, so the walk must too: the
                    // scans after them still count against the cap in lenient mode
                    defect = defect != null ? defect : "extraneous bytes at offset " + off + " before the next marker";
                    off = s.nextFF(off);
                    continue;
                }
                while (off < len && s.u8(off) == 0xFF) {
                    off++; // fill bytes
                }
                if (off >= len) {
                    return "no EOI marker: truncated";
                }
                marker = s.u8(off++);
                if (marker == 0xD9) {
                    return defect;
                }
                if (marker == 0x00) {
                    defect = defect != null ? defect : "extraneous bytes at offset " + (off - 2) + " before the next marker";
                }
                if (marker == 0x00 || marker == 0x01 || marker >= 0xD0 && marker <= 0xD7) {
                    marker = 0;
                }
            }
        }
    }

    /** The offset of the marker (its 0xFF) that ends the entropy-coded data starting at {@code from}. */
    private static long entropyEnd(ByteReader s, long from) {
        int len = s.length();
        long i = from;
        while (true) {
            i = s.nextFF(i);
            if (i + 1 >= len) {
                return len;
            }
            int b = s.u8(i + 1);
            if (b == 0x00 || b >= 0xD0 && b <= 0xD7) {
                i += 2; // stuffed zero or restart marker: still entropy-coded data
            } else if (b == 0xFF) {
                i += 1; // fill byte before a marker
            } else {
                return i;
            }
        }
    }

    /**
     * Checks one scan header the way libjpeg will read it: null when it decodes it silently,
     * otherwise the reason (an error libjpeg would stop at, or a warning it would print).
     */
    private static String scanHeader(ByteReader s, long p, int n, int[] compIds, boolean progressive, int[][] coefBits) {
        int comps = n >= 1 ? s.u8(p) : 0;
        if (comps < 1 || comps > 4 || n != 2 * comps + 4) {
            return "bad scan header (" + comps + " components in " + n + " bytes)";
        }
        int[] index = new int[comps];
        for (int i = 0; i < comps; i++) {
            int id = s.u8(p + 1 + 2L * i);
            index[i] = -1;
            for (int c = 0; c < compIds.length; c++) {
                if (compIds[c] == id) {
                    index[i] = c;
                }
            }
            if (index[i] < 0) {
                return "component " + id + " is not in the frame";
            }
        }
        long q = p + 1 + 2L * comps;
        int ss = s.u8(q);
        int se = s.u8(q + 1);
        int ah = s.u8(q + 2) >> 4;
        int al = s.u8(q + 2) & 15;
        if (!progressive) {
            return ss == 0 && se == 63 && ah == 0 && al == 0 ? null
                    : "invalid parameters for a sequential JPEG (Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al + ")";
        }
        boolean dc = ss == 0;
        if (dc ? se != 0 : se < ss || se > 63 || comps != 1 || ah != 0 && al != ah - 1 || al > 13) {
            return "invalid progressive parameters (Ss=" + ss + " Se=" + se + " Ah=" + ah + " Al=" + al + ")";
        }
        if (dc && (ah != 0 && al != ah - 1 || al > 13)) {
            return "invalid progressive parameters (Ss=0 Ah=" + ah + " Al=" + al + ")";
        }
        for (int c : index) {
            int[] bits = coefBits[c];
            if (!dc && bits[0] < 0) {
                return "AC scan of component " + c + " before its DC scan";
            }
            for (int k = ss; k <= se; k++) {
                if (ah != Math.max(bits[k], 0)) {
                    return "inconsistent progression for component " + c + " coefficient " + k;
                }
                bits[k] = al;
            }
        }
        return null;
    }

    private static String hex(int marker) {
        return Integer.toHexString(marker).toUpperCase();
    }
}
