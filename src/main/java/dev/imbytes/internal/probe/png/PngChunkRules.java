package dev.imbytes.internal.probe.png;

/**
 * libpng's rules for the order, number and length of the chunks that change pixels (PLTE, tRNS
 * and, for greyscale decoding, gAMA, sRGB, iCCP, cHRM), applied chunk by chunk in file order.
 *
 * <p>Why: libpng prints to stderr when a file breaks them ("libpng warning: tRNS: duplicate",
 * "libpng error: PLTE: duplicate", "IDAT: Missing PLTE before IDAT"). Where libpng ignores the
 * chunk with a warning, the same pixels come out when the chunk is left out of the copy OpenCV
 * gets ({@link Verdict#DROP}, done by {@link PngSanitizer}); where libpng stops, or where leaving
 * ({@link Verdict#REFUSE}), the file is refused in {@link PngProbe}, in lenient mode too, since
 * libpng would return nothing. One instance follows one file.
 */
public final class PngChunkRules {

    /** What happens to a chunk. */
    public enum Verdict {
        /** libpng uses it silently. */
        KEEP,
        /** libpng ignores it with a warning: leave it out of OpenCV's copy. */
        DROP,
        /** libpng fails on it (and prints why): refuse the file, lenient mode too. */
        REFUSE
    }

    private static final int PALETTE = 3;

    private final int colorType;
    private final int bitDepth;
    private boolean plte;
    private boolean trns;
    private boolean idat;
    private int paletteEntries;
    private final java.util.Set<String> seen = new java.util.HashSet<>();
    private String reason;

    /** The rules for a PNG whose IHDR gives {@code colorType} and {@code bitDepth}. */
    public PngChunkRules(int colorType, int bitDepth) {
        this.colorType = colorType;
        this.bitDepth = bitDepth;
    }

    /** Why the last chunk was not {@link Verdict#KEEP}. */
    String reason() {
        return reason;
    }

    /** The verdict on the next chunk of the file, of {@code type} with {@code length} data bytes. */
    public Verdict next(String type, long length) {
        switch (type) {
            case "PLTE":
                return plte(length);
            case "tRNS":
                return trns(length);
            case "IDAT":
                if (colorType == PALETTE && !plte) {
                    return refuse("no PLTE before IDAT in a palette image");
                }
                idat = true;
                return Verdict.KEEP;
            case "gAMA":
            case "sRGB":
            case "iCCP":
            case "cHRM":
                if (plte || idat) {
                    return drop(type + " after PLTE or IDAT");
                }
                return seen.add(type) ? Verdict.KEEP : drop("second " + type);
            default:
                return Verdict.KEEP;
        }
    }

    private Verdict plte(long length) {
        if (plte) {
            return refuse("second PLTE chunk");
        }
        if (idat) {
            return drop("PLTE after IDAT");
        }
        if (colorType == 0 || colorType == 4) {
            return drop("PLTE in a greyscale image");
        }
        if (length == 0 || length % 3 != 0 || length > 3 * 256) {
            return colorType == PALETTE ? refuse("PLTE of length " + length) : drop("PLTE of length " + length);
        }
        plte = true;
        // libpng silently keeps only the entries the bit depth can index; tRNS is checked against those
        paletteEntries = (int) Math.min(length / 3, colorType == PALETTE ? 1 << bitDepth : 256);
        return Verdict.KEEP;
    }

    private Verdict trns(long length) {
        if (trns) {
            return drop("second tRNS chunk");
        }
        if (idat) {
            return drop("tRNS after IDAT");
        }
        boolean fits = switch (colorType) {
            case 0 -> length == 2;
            case 2 -> length == 6;
            case PALETTE -> plte && length >= 1 && length <= paletteEntries;
            default -> false; // an image with an alpha channel has no tRNS
        };
        if (!fits) {
            return drop("tRNS of length " + length + (colorType == PALETTE && !plte ? " before PLTE" : "")
                    + " for colour type " + colorType);
        }
        trns = true;
        return Verdict.KEEP;
    }

    private Verdict drop(String why) {
        reason = why;
        return Verdict.DROP;
    }

    private Verdict refuse(String why) {
        reason = why;
        return Verdict.REFUSE;
    }
}
