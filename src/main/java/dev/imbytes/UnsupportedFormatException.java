package dev.imbytes;

/**
 * The input is not a format imbytes may decode (unrecognised bytes, a format the bundled OpenCV
 * lacks, or one outside the caller's allow-list), or the requested output format cannot be written
 * (GIF, which imbytes only reads). Raised before any native decoder sees the bytes.
 */
public class UnsupportedFormatException extends ImageException {
    private static final long serialVersionUID = 1L;

    /** An unsupported-format error with its explanation. */
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
