package dev.imbytes;

import dev.imbytes.internal.awt.BufferedImages;
import dev.imbytes.internal.probe.HeaderProbe;
import dev.imbytes.internal.codec.JpegAccelerators;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.nativelib.NativeLibrary;
import dev.imbytes.internal.pipeline.Pipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * Images to encoded bytes in memory, and back, through OpenCV — the Java counterpart of
 * {@code cv2.imdecode → cv2.resize → cv2.imencode(".jpg", img)[1].tobytes()}.
 *
 * <pre>{@code
 * byte[] jpeg = Imbytes.encode(mat, ".jpg");                                   // Mat → JPEG bytes
 * byte[] png  = Imbytes.encode(bufferedImage, Format.PNG);                     // BufferedImage → PNG
 * byte[] webp = Imbytes.convert(inputBytes,                                    // bytes → resized WebP
 *         Conversion.to(WebpOptions.quality(80)).withFit(Fit.within(500, 500)));
 * try (ImageMat img = Imbytes.decode(inputBytes)) {                            // bytes → BGR Mat
 *     Mat bgr = img.mat();
 * }
 * }</pre>
 *
 * <p><b>Native memory.</b> Every Mat imbytes makes inside a call is released before the call
 * returns, on every path. Methods that return an image return an {@link ImageMat}, which the caller
 * owns and closes. Mats passed in stay the caller's and are never released here.
 *
 * <p><b>Errors.</b> Bad input raises an {@link ImageException} subtype: {@link UnsupportedFormatException},
 * {@link CorruptImageException} or {@link ImageTooLargeException}; bad arguments raise
 * {@link IllegalArgumentException}, and a {@code null} argument a {@link NullPointerException} naming
 * it (the rule of the whole package). OpenCV failing to load is a {@link NativeLibraryException},
 * which is not an {@code ImageException}. Nothing is printed and no file is written.
 *
 * <p><b>Files and streams.</b> A {@link Path} (file, FIFO or device) or {@link InputStream} (never
 * closed here) is read whole with {@link Limits#maxBytes()} (of the options, else the defaults) enforced
 * while reading: more raises {@link ImageTooLargeException} without buffering the rest, and no known
 * signature in the first 16 bytes {@link UnsupportedFormatException} without reading on.
 * All methods are thread-safe.
 */
public final class Imbytes {
    private Imbytes() {
    }

    // ---------------------------------------------------------------- encode

    /** Encodes {@code image} (BGR, BGRA or grey; 8-bit, 16-bit or float) with the format's default options. */
    public static byte[] encode(Mat image, Format format) {
        return encode(image, EncodeOptions.of(format));
    }

    /** Encodes {@code image} to the format named by an extension, as {@code imencode(".jpg", image)} does. */
    public static byte[] encode(Mat image, String extension) {
        return encode(image, EncodeOptions.of(extension));
    }

    /** Encodes {@code image} with {@code options}; transparency is flattened onto white where needed. */
    public static byte[] encode(Mat image, EncodeOptions options) {
        return encode(image, options, Background.WHITE);
    }

    /** Encodes {@code image} with {@code options}, flattening transparency onto {@code background} where needed. */
    public static byte[] encode(Mat image, EncodeOptions options, Background background) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(background, "background");
        try (MatScope scope = new MatScope()) {
            return Pipeline.encode(image, options, background, scope);
        }
    }

    /** Encodes {@code image} and writes the bytes to {@code out} (which is not closed). */
    public static void encode(Mat image, EncodeOptions options, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(encode(image, options));
    }

    /** Encodes {@code image} into a new buffer, positioned at 0 with its limit at the end of the data. */
    public static ByteBuffer encodeToBuffer(Mat image, EncodeOptions options) {
        Objects.requireNonNull(image, "image");
        return ByteBuffer.wrap(encode(image, options));
    }

    /** Encodes a {@link BufferedImage} with {@code options} and writes the bytes to {@code out} (which is not closed). */
    public static void encode(BufferedImage image, EncodeOptions options, OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        out.write(encode(image, options));
    }

    /** Encodes a {@link BufferedImage} with the format's default options. */
    public static byte[] encode(BufferedImage image, Format format) {
        return encode(image, EncodeOptions.of(format));
    }

    /** Encodes a {@link BufferedImage} with {@code options} (alpha flattened onto white where needed). */
    public static byte[] encode(BufferedImage image, EncodeOptions options) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(options, "options");
        NativeLibrary.ensureLoaded(); // the Mat below may be this JVM's first native call
        try (MatScope scope = new MatScope()) {
            Mat mat = BufferedImages.toMat(image, scope);
            return Pipeline.encode(mat, options, Background.WHITE, scope);
        }
    }

    // ---------------------------------------------------------------- decode

    /** Decodes to an 8-bit BGR image with EXIF orientation applied, under the default limits and allow-list. */
    public static ImageMat decode(byte[] encoded) {
        return decode(encoded, DecodeOptions.defaults());
    }

    /** Decodes with {@code options}; the caller owns (and closes) the result. */
    public static ImageMat decode(byte[] encoded, DecodeOptions options) {
        return decode(ByteBuffer.wrap(Objects.requireNonNull(encoded, "encoded")), options);
    }

    /**
     * Decodes the bytes from the buffer's position to its limit (the position is not changed). A
     * direct buffer is handed to OpenCV without a Java-side copy.
     */
    public static ImageMat decode(ByteBuffer encoded, DecodeOptions options) {
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(options, "options");
        try (MatScope scope = new MatScope()) {
            Pipeline.Decoded d = Pipeline.decode(encoded, options, null, scope);
            return new ImageMat(scope.detach(d.mat()));
        }
    }

    /** Reads a stream to its end (bounded, see "Files and streams" above; not closed) and decodes it. */
    public static ImageMat decode(InputStream in, DecodeOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return decode(InputReads.read(in, options.limits()), options);
    }

    /** As {@link #decode(InputStream, DecodeOptions)} with {@link DecodeOptions#defaults()}. */
    public static ImageMat decode(InputStream in) throws IOException {
        return decode(in, DecodeOptions.defaults());
    }

    /** Reads a file, FIFO or device (bounded, see the class comment) and decodes it. */
    public static ImageMat decode(Path file, DecodeOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return decode(InputReads.read(file, options.limits()), options);
    }

    /** As {@link #decode(Path, DecodeOptions)} with {@link DecodeOptions#defaults()}. */
    public static ImageMat decode(Path file) throws IOException {
        return decode(file, DecodeOptions.defaults());
    }

    /** Decodes to a {@link BufferedImage} ({@code TYPE_3BYTE_BGR} in colour mode). */
    public static BufferedImage decodeToBufferedImage(byte[] encoded) {
        return decodeToBufferedImage(encoded, DecodeOptions.defaults());
    }

    /**
     * Decodes to a {@link BufferedImage}: {@code TYPE_3BYTE_BGR}, {@code TYPE_4BYTE_ABGR} (alpha kept in
     * {@link ReadMode#UNCHANGED}), {@code TYPE_BYTE_GRAY} or {@code TYPE_USHORT_GRAY}.
     */
    public static BufferedImage decodeToBufferedImage(byte[] encoded, DecodeOptions options) {
        Objects.requireNonNull(encoded, "encoded");
        Objects.requireNonNull(options, "options");
        try (MatScope scope = new MatScope()) {
            Pipeline.Decoded d = Pipeline.decode(ByteBuffer.wrap(encoded), options, null, scope);
            return BufferedImages.fromMat(d.mat(), scope);
        }
    }

    /** A {@link BufferedImage} copy of a Mat's pixels (the Mat stays the caller's). */
    public static BufferedImage toBufferedImage(Mat image) {
        Objects.requireNonNull(image, "image");
        try (MatScope scope = new MatScope()) {
            return BufferedImages.fromMat(image, scope);
        }
    }

    /** A {@link BufferedImage} copy of a Mat's pixels in the given {@code BufferedImage.TYPE_*}. */
    public static BufferedImage toBufferedImage(Mat image, int imageType) {
        return BufferedImages.convert(toBufferedImage(image), imageType);
    }

    /** A Mat copy (BGR, BGRA, grey or 16-bit grey) of a {@link BufferedImage}; the caller owns it. */
    public static ImageMat toMat(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        NativeLibrary.ensureLoaded();
        try (MatScope scope = new MatScope()) {
            return new ImageMat(scope.detach(BufferedImages.toMat(image, scope)));
        }
    }

    // ---------------------------------------------------------------- resize

    /**
     * Resizes {@code image} (which stays the caller's) into a new image the caller owns.
     *
     * @throws ImageTooLargeException when the result would be over {@link Limits#defaults()}, before OpenCV is called
     */
    public static ImageMat resize(Mat image, Fit fit) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(fit, "fit");
        NativeLibrary.ensureLoaded();
        try (MatScope scope = new MatScope()) {
            Mat out = Pipeline.resize(image, fit, Limits.defaults(), scope);
            if (out == image) {
                out = scope.own(image.clone());
            } else if (!out.isContinuous()) {
                out = scope.own(out.clone()); // a crop's view: give the caller its own compact pixels
            }
            return new ImageMat(scope.detach(out));
        }
    }

    // ---------------------------------------------------------------- convert

    /** Decodes, optionally resizes, and encodes, in one call that releases every intermediate Mat. */
    public static byte[] convert(byte[] input, Conversion conversion) {
        return convertDetailed(input, conversion).bytes();
    }

    /** As {@link #convert(byte[], Conversion)}, also reporting the input's and the output's format and size. */
    public static ConversionResult convertDetailed(byte[] input, Conversion conversion) {
        return convertDetailed(ByteBuffer.wrap(Objects.requireNonNull(input, "input")), conversion);
    }

    /** As {@link #convertDetailed(byte[], Conversion)} for the bytes from position to limit of a buffer. */
    public static ConversionResult convertDetailed(ByteBuffer input, Conversion conversion) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(conversion, "conversion");
        return Pipeline.convert(input, conversion);
    }

    /** Reads a file, FIFO or device (bounded by the conversion's limits) and converts it. */
    public static byte[] convert(Path input, Conversion conversion) throws IOException {
        return convertDetailed(input, conversion).bytes();
    }

    /** Reads a stream to its end (bounded by the conversion's limits; not closed) and converts it. */
    public static byte[] convert(InputStream input, Conversion conversion) throws IOException {
        return convertDetailed(input, conversion).bytes();
    }

    /** As {@link #convert(Path, Conversion)}, also reporting the input's and the output's format and size. */
    public static ConversionResult convertDetailed(Path input, Conversion conversion) throws IOException {
        Objects.requireNonNull(conversion, "conversion");
        return convertDetailed(InputReads.read(input, conversion.decodeOptions().limits()), conversion);
    }

    /** As {@link #convert(InputStream, Conversion)}, also reporting the input's and the output's format and size. */
    public static ConversionResult convertDetailed(InputStream input, Conversion conversion) throws IOException {
        Objects.requireNonNull(conversion, "conversion");
        return convertDetailed(InputReads.read(input, conversion.decodeOptions().limits()), conversion);
    }

    // ---------------------------------------------------------------- inspect

    /**
     * What the header says — format, stored size, channels, bit depth, EXIF orientation — read in
     * plain Java without decoding (no native call).
     */
    public static ImageInfo info(byte[] encoded) {
        return info(ByteBuffer.wrap(Objects.requireNonNull(encoded, "encoded")));
    }

    /** As {@link #info(byte[])} for the bytes from position to limit of a buffer. */
    public static ImageInfo info(ByteBuffer encoded) {
        Objects.requireNonNull(encoded, "encoded");
        return Pipeline.info(HeaderProbe.probe(encoded), encoded.remaining());
    }

    /** As {@link #info(byte[])} for a file, FIFO or device, read whole under {@link Limits#defaults()}. */
    public static ImageInfo info(Path file) throws IOException {
        return info(InputReads.read(file, Limits.defaults()));
    }

    /** As {@link #info(byte[])} for a stream, read to its end (not closed) under {@link Limits#defaults()}. */
    public static ImageInfo info(InputStream in) throws IOException {
        return info(InputReads.read(in, Limits.defaults()));
    }

    /**
     * Which JPEG codec is in use: the bundled OpenCV one, or the system's SIMD libjpeg-turbo with the
     * binding that reaches it, e.g. {@code "libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA"}.
     */
    public static String jpegCodec() {
        return JpegAccelerators.description();
    }

    /** The version of the bundled OpenCV, e.g. "4.9.0". */
    public static String openCvVersion() {
        NativeLibrary.ensureLoaded();
        return org.opencv.core.Core.VERSION;
    }
}
