package dev.imbytes.internal.codec;

import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.png.PngChunkRules;

import dev.imbytes.ColorModel;
import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Keeps libpng quiet. libpng prints its warnings (and, through OpenCV's default handlers, its
 * errors) straight to the process's stderr, e.g. "libpng warning: iCCP: known incorrect sRGB
 * profile" for a valid file. Almost all of them come from ancillary chunks OpenCV never uses, so
 * OpenCV is handed a copy holding only the chunks that change its decoded pixels.
 *
 * <p>Which chunks those are was found by experiment on OpenCV 4.9 ({@code PngSanitizerTest}
 * compares the pixels of every test PNG before and after, in every read mode): in colour and
 * unchanged modes only {@link #KEPT} matter. In greyscale mode a colour or palette PNG is turned
 * grey by libpng, which does it in linear light when the file states its gamma (gAMA, sRGB, or an
 * iCCP profile libpng recognises as sRGB) and with the cHRM primaries: then
 * {@link #KEPT_FOR_GREY} are kept as well, and libpng may still warn about them.
 *
 * <p>Chunks that libpng would ignore with a warning are left out too ({@link PngChunkRules}).
 *
 * <p>The walk is bounded by the data; it stops at the first chunk that does not fit, copying the
 * rest verbatim so that a lenient decode still sees it. Bytes after IEND are left out.
 */
final class PngSanitizer {

    /** The chunks handed to OpenCV; every other one is left out. */
    static final Set<String> KEPT = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND");

    /** The chunks handed to OpenCV when it turns a colour or palette PNG grey. */
    static final Set<String> KEPT_FOR_GREY = Set.of("IHDR", "PLTE", "tRNS", "IDAT", "IEND", "gAMA", "sRGB", "iCCP",
            "cHRM");

    private PngSanitizer() {
    }

    /**
     * A copy of the PNG in {@code input} (position to limit) without the chunks outside
     * {@code kept}, or null when it has none to drop (then the input is used as it is).
     */
    static byte[] sanitize(ByteBuffer input, Set<String> kept) {
        ByteReader s = new ByteReader(input);
        int len = s.length();
        if (len < 8 || !needsSanitizing(s, kept)) {
            return null;
        }
        byte[] out = new byte[len];
        PngChunkRules rules = rules(s);
        int n = 0;
        n = copy(s, 0, 8, out, n);
        long off = 8;
        while (off < len) {
            if (!s.has(off, 12)) {
                break;
            }
            long clen = s.u32be(off);
            long total = 12 + clen;
            if (clen > Integer.MAX_VALUE || !s.has(off, total)) {
                break;
            }
            String type = s.fourCc(off + 4);
            if (keeps(rules, kept, type, clen)) {
                n = copy(s, off, (int) total, out, n);
            }
            off += total;
            if (type.equals("IEND")) {
                return java.util.Arrays.copyOf(out, n); // bytes after IEND are not part of the image
            }
        }
        if (off < len) { // a chunk cut short: hand it on as it is (lenient decoding may recover rows)
            n = copy(s, off, (int) (len - off), out, n);
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The chunks to keep when decoding a PNG with {@code header} in {@code mode}. */
    static Set<String> kept(ImageHeader header, dev.imbytes.ReadMode mode) {
        ColorModel model = header.colorModel();
        boolean colour = model == ColorModel.RGB || model == ColorModel.RGBA || model == ColorModel.PALETTE;
        return mode == dev.imbytes.ReadMode.GRAYSCALE && colour ? KEPT_FOR_GREY : KEPT;
    }

    /**
     * Whether a chunk goes into OpenCV's copy: it must be one OpenCV uses, and one libpng would
     * not ignore with a warning (a second tRNS, a PLTE in a greyscale image ...: see
     * {@link PngChunkRules}). Leaving those out gives the same pixels and no stderr output.
     */
    private static boolean keeps(PngChunkRules rules, Set<String> kept, String type, long length) {
        return kept.contains(type) && rules.next(type, length) != PngChunkRules.Verdict.DROP;
    }

    /** Rules for the file's IHDR colour type and bit depth (zeros when it is too short: the probe has refused it). */
    private static PngChunkRules rules(ByteReader s) {
        return new PngChunkRules(s.has(25, 1) ? s.u8(25) : 0, s.has(24, 1) ? s.u8(24) : 0);
    }

    private static boolean needsSanitizing(ByteReader s, Set<String> kept) {
        int len = s.length();
        PngChunkRules rules = rules(s);
        long off = 8;
        while (off < len && s.has(off, 12)) {
            long clen = s.u32be(off);
            String type = s.fourCc(off + 4);
            if (!keeps(rules, kept, type, clen)) {
                return true;
            }
            if (type.equals("IEND")) {
                return off + 12 + clen < len; // trailing bytes after IEND
            }
            off += 12 + clen;
        }
        return false;
    }

    private static int copy(ByteReader s, long from, int count, byte[] out, int at) {
        s.window(from, count).get(out, at, count);
        return at + count;
    }
}
