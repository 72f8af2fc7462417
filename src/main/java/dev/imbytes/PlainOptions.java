package dev.imbytes;

import java.util.Objects;

/**
 * Options for a format that has no settings of its own here (BMP, PBM/PGM/PPM/PAM, PFM, HDR, EXR,
 * Sun raster): the format, and whether OpenCV may go through a temporary file for it. OpenCV 4.9
 * writes PFM, HDR and Sun raster only through a temporary file; imbytes refuses that unless
 * {@link #withTempFileAllowed(boolean)} says otherwise. Made by {@link #of(Format)} (or
 * {@link EncodeOptions#of(Format)}, which gives these for every format without its own options type).
 *
 * @param format          the output format
 * @param tempFileAllowed whether OpenCV may write a temporary file (default false)
 */
public record PlainOptions(Format format, boolean tempFileAllowed) implements EncodeOptions {
    /** Validates the format. */
    public PlainOptions {
        Objects.requireNonNull(format, "format");
    }

    /** Options for {@code format}, with no temporary file allowed. */
    public static PlainOptions of(Format format) {
        return new PlainOptions(format, false);
    }

    /** A copy that allows (or forbids) OpenCV's temporary file for this format. */
    public PlainOptions withTempFileAllowed(boolean allowed) {
        return new PlainOptions(format, allowed);
    }
}
