package dev.imbytes;

import java.util.Objects;

/**
 * TIFF encoder settings.
 *
 * @param compression the compression scheme; default {@link Compression#LZW} (OpenCV's and most tools' default)
 */
public record TiffOptions(Compression compression) implements EncodeOptions {

    /** TIFF compression schemes (libtiff's tag values), all lossless. */
    public enum Compression {
        /** Uncompressed. */
        NONE(1),
        /** LZW. */
        LZW(5),
        /** Deflate (zip). */
        DEFLATE(8),
        /** PackBits run-length. */
        PACKBITS(32773);

        private final int tagValue;

        Compression(int tagValue) {
            this.tagValue = tagValue;
        }

        /** The TIFF Compression tag value, as {@code IMWRITE_TIFF_COMPRESSION} takes it. */
        public int tagValue() {
            return tagValue;
        }
    }

    /** Validates the settings. */
    public TiffOptions {
        Objects.requireNonNull(compression, "compression");
    }

    private static final TiffOptions DEFAULTS = new TiffOptions(Compression.LZW);

    /** LZW compression. */
    public static TiffOptions defaults() {
        return DEFAULTS;
    }

    @Override
    public Format format() {
        return Format.TIFF;
    }

    /** A copy with another compression scheme. */
    public TiffOptions withCompression(Compression compression) {
        return new TiffOptions(compression);
    }
}
