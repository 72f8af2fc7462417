package dev.imbytes;

import java.util.Optional;

/**
 * The root of every error imbytes reports about an image: unchecked, so it travels through
 * streams and lambdas, and always with a message that names the format, the size and what was
 * wrong. No {@code org.opencv.core.CvException} ever escapes the library; it is wrapped in one
 * of these.
 *
 * <p>An error raised once the input's header has been read carries what that header said
 * ({@link #image()}), so a caller can report the input's format and size without reading it again.
 */
public class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Not serialised: {@link ImageInfo} is not serialisable, and the message already names the image. */
    private transient ImageInfo image;

    /** An error with a message only. */
    public ImageException(String message) {
        super(message);
    }

    /** An error with a message and the lower-level cause (e.g. an OpenCV exception). */
    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The header of the input this error was raised for: present for every error raised by a
     * decode or conversion after the header was read (limits, allow-list, structural defects,
     * decoding, resizing, encoding, an output format that cannot be written); empty when the error
     * came before or while reading it (input over {@link Limits#maxBytes()}, unrecognised bytes, a
     * header too damaged to read), for errors about a Mat or {@code BufferedImage} you passed in,
     * and after deserialisation.
     */
    public Optional<ImageInfo> image() {
        return Optional.ofNullable(image);
    }

    /**
     * Records the header this error is about, unless one is recorded already (the first one
     * stays, like {@link #initCause}); imbytes calls it where it knows the header. Returns this
     * exception, so that {@code throw e.initImage(info)} keeps its type.
     *
     * @throws NullPointerException when {@code image} is null
     */
    public ImageException initImage(ImageInfo image) {
        java.util.Objects.requireNonNull(image, "image");
        if (this.image == null) {
            this.image = image;
        }
        return this;
    }
}
