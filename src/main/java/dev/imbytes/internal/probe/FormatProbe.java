package dev.imbytes.internal.probe;

import dev.imbytes.Format;

/**
 * Reads one format's header (or one family's, such as PBM, PGM and PPM) in plain Java. A probe
 * only reads through its {@link ByteReader}, so every read is bounds-checked; it never loads or
 * calls OpenCV.
 */
public interface FormatProbe {

    /** The format the magic bytes at the start of {@code in} name, or null when they are not this probe's. */
    Format sniff(ByteReader in);

    /**
     * The header of data this probe sniffed as {@code format}.
     *
     * @throws dev.imbytes.CorruptImageException when the header cannot be read (see {@link HeaderChecks})
     * @throws ByteReader.OutOfData when the data ends inside the header (the caller words the message)
     */
    ImageHeader read(ByteReader in, Format format);
}
