package dev.imbytes;

/**
 * The OpenCV native library could not be loaded on this platform. The message names the
 * operating system, the architecture and the cause.
 */
public class NativeLibraryException extends ImageException {
    private static final long serialVersionUID = 1L;

    /** A load failure with its explanation and cause. */
    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
