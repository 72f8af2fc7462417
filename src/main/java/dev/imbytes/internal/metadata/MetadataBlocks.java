package dev.imbytes.internal.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The metadata blocks read from a source image that a conversion keeps, and what went wrong
 * reading them. Each block is null when absent, not asked for, or dropped (then a warning says why).
 *
 * <p>{@code exif} is already cleaned: orientation reset when the pixels were turned, the
 * thumbnail directory (IFD1), the MakerNote and the pixel-layout tags gone.
 */
public final class MetadataBlocks {
    /**
     * The most EXIF and XMP bytes one conversion keeps, together (the ICC profile has its own
     * limit, {@code Limits.maxIccBytes()}). EXIF is at most 64 KiB in a JPEG and XMP rarely over
     * 100 KiB; a block that would pass the total is dropped with a warning.
     */
    public static final int MAX_EXIF_XMP_BYTES = 1024 * 1024;

    byte[] icc;
    Ifd exif;
    byte[] xmp;
    final List<String> warnings = new ArrayList<>();
    int used;

    MetadataBlocks() {
    }

    /** What was dropped and why, one sentence each. */
    public List<String> warnings() {
        return warnings;
    }

    /** Whether no block is kept. */
    public boolean isEmpty() {
        return icc == null && exif == null && xmp == null;
    }

    /** Counts {@code n} bytes against {@link #MAX_EXIF_XMP_BYTES}; false (and a warning) when they do not fit. */
    boolean fits(String block, long n) {
        if (used + n > MAX_EXIF_XMP_BYTES) {
            warnings.add(block + " dropped: " + n + " bytes would take the kept EXIF and XMP over " + MAX_EXIF_XMP_BYTES
                    + " bytes");
            return false;
        }
        used += (int) n;
        return true;
    }
}
