package dev.imbytes;

/**
 * The input exceeds a {@link Limits} setting (pixels, side length or byte size). Raised from the
 * header, before the decoder allocates the declared buffer.
 */
public class ImageTooLargeException extends ImageException {
    private static final long serialVersionUID = 1L;

    /** A too-large error naming the limit that was exceeded. */
    public ImageTooLargeException(String message) {
        super(message);
    }
}
