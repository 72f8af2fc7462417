package dev.imbytes;

import java.util.Objects;

/**
 * Options for a format that has no settings of its own here (BMP, PBM/PGM/PPM/PAM, PFM, HDR, EXR,
 * Sun raster): just the format. Made by {@link EncodeOptions#of(Format)}.
 *
 * @param format the output format
 */
public record PlainOptions(Format format) implements EncodeOptions {
    /** Validates the format. */
    public PlainOptions {
        Objects.requireNonNull(format, "format");
    }
}
