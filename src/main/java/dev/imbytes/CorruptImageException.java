package dev.imbytes;

/**
 * The input claims to be a supported format but is malformed: truncated, a bad header, a broken
 * checksum, or data the decoder rejected.
 */
public class CorruptImageException extends ImageException {
    private static final long serialVersionUID = 1L;

    /** A corrupt-image error with its explanation. */
    public CorruptImageException(String message) {
        super(message);
    }

    /** A corrupt-image error with its explanation and the lower-level cause. */
    public CorruptImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
