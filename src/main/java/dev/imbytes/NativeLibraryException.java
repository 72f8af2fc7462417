package dev.imbytes;

/**
 * The OpenCV native library could not be loaded on this platform. The message names the
 * operating system, the architecture and the cause.
 *
 * <p>Deliberately not an {@link ImageException}: it says nothing about any image, and retrying
 * with another input cannot help, so a {@code catch (ImageException e)} written to skip bad
 * images must not swallow it. It is unchecked, like {@code ImageException}, and extends
 * {@link RuntimeException} directly rather than a shared root, because no caller handles
 * "bad image" and "no OpenCV on this machine" the same way.
 */
public class NativeLibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A load failure with its explanation and cause. */
    public NativeLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
