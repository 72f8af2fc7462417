package dev.imbytes;

/**
 * The root of every error imbytes reports about an image: unchecked, so it travels through
 * streams and lambdas, and always with a message that names the format, the size and what was
 * wrong. No {@code org.opencv.core.CvException} ever escapes the library; it is wrapped in one
 * of these.
 */
public class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a message only. */
    public ImageException(String message) {
        super(message);
    }

    /** An error with a message and the lower-level cause (e.g. an OpenCV exception). */
    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
