package dev.imbytes;

import java.util.Objects;

/**
 * How to encode: the output {@link Format} and its format-specific settings. Every implementation
 * is immutable and validated when built.
 *
 * <pre>{@code
 * EncodeOptions jpeg = JpegOptions.quality(85).withProgressive(true);
 * EncodeOptions png  = PngOptions.defaults().withCompressionLevel(9);
 * EncodeOptions bmp  = EncodeOptions.of(Format.BMP);          // formats without settings
 * EncodeOptions any  = EncodeOptions.of(Format.WEBP);         // the format's documented defaults
 * }</pre>
 */
public sealed interface EncodeOptions
        permits JpegOptions, PngOptions, WebpOptions, TiffOptions, Jpeg2000Options, PlainOptions {

    /** The format these options encode to. */
    Format format();

    /**
     * The documented default options for {@code format}: {@link JpegOptions#defaults()},
     * {@link PngOptions#defaults()}, {@link WebpOptions#defaults()}, {@link TiffOptions#defaults()},
     * {@link Jpeg2000Options#defaults()}, or plain options for formats without settings.
     */
    static EncodeOptions of(Format format) {
        return Objects.requireNonNull(format, "format").defaultEncodeOptions();
    }

    /**
     * Whether OpenCV may go through a temporary file to encode these options' format (see
     * {@link Format#encodesInMemory()}); false unless the options type has that setting
     * ({@link Jpeg2000Options}, {@link PlainOptions}).
     */
    default boolean tempFileAllowed() {
        return false;
    }

    /** The default options for the format named by an extension such as {@code ".jpg"}. */
    static EncodeOptions of(String extension) {
        return of(Format.fromExtension(Objects.requireNonNull(extension, "extension")));
    }
}
