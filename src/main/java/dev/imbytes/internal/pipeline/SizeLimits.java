package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.tiff.TiffProbe;

import dev.imbytes.ColorModel;
import dev.imbytes.EncodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Limits;
import dev.imbytes.ReadMode;
import dev.imbytes.WebpOptions;
import java.nio.ByteBuffer;
import org.opencv.core.Mat;

/**
 * The one place where sizes are weighed against {@link Limits}: an image's sides and pixels, and
 * the native bytes a decode or a resize will hold. Every check runs before the native call it
 * guards, in arithmetic that cannot overflow, and refuses with {@link ImageTooLargeException}.
 */
final class SizeLimits {
    private SizeLimits() {
    }

    /** Refuses a {@code width} × {@code height} image with a side or an area over the limits. */
    static void checkSize(long width, long height, Limits limits, String verb) {
        if (width > limits.maxSide() || height > limits.maxSide()) {
            throw new ImageTooLargeException("the image " + verb + " " + width + "x" + height
                    + ", a side over the limit of " + limits.maxSide() + " pixels");
        }
        // both sides are at most maxSide (an int) here, so the product cannot overflow a long
        if (width * height > limits.maxPixels()) {
            throw new ImageTooLargeException("the image " + verb + " " + width + "x" + height + " = "
                    + width * height + " pixels, over the limit of " + limits.maxPixels());
        }
    }

    /**
     * Refuses a decode whose pixels (in the form {@code mode} gives) plus the decoder's
     * header-sized buffers would exceed {@link Limits#maxDecodedBytes()}.
     */
    static void checkDecode(ByteBuffer input, ImageHeader header, ReadMode mode, Limits limits) {
        long pixels = saturatingMultiply(header.pixels(), decodedBytesPerPixel(header, mode));
        long buffers = header.format() == Format.TIFF ? TiffProbe.blockBufferBytes(new ByteReader(input)) : 0;
        long total = saturatingAdd(pixels, buffers);
        if (total > limits.maxDecodedBytes()) {
            throw new ImageTooLargeException("decoding this " + header.format() + " (" + header.width() + "x"
                    + header.height() + ", " + mode + ") needs " + total + " bytes (" + pixels + " for the pixels"
                    + (buffers > 0 ? ", " + buffers + " for one strip or tile" : "") + "), over the limit of "
                    + limits.maxDecodedBytes() + " decoded bytes");
        }
    }

    /** Refuses a decoded Mat over the limits (the header may have lied). */
    static void checkDecoded(Mat decoded, int reduction, Limits limits) {
        checkSize((long) decoded.cols() * reduction, (long) decoded.rows() * reduction, limits, "decoded to");
        long bytes = decoded.total() * decoded.elemSize();
        if (bytes > limits.maxDecodedBytes()) {
            throw new ImageTooLargeException("the image decoded to " + bytes + " bytes, over the limit of "
                    + limits.maxDecodedBytes() + " decoded bytes");
        }
    }

    /**
     * Refuses a resize of {@code src} to {@code width} × {@code height} whose result would be over
     * the limits (sides, pixels, or bytes at the source's channels and depth).
     */
    static void checkResize(long width, long height, Mat src, Limits limits) {
        checkSize(width, height, limits, "would be resized to");
        long bytes = saturatingMultiply(width * height, src.elemSize());
        if (bytes > limits.maxDecodedBytes()) {
            throw new ImageTooLargeException("resizing to " + width + "x" + height + " needs " + bytes
                    + " bytes, over the limit of " + limits.maxDecodedBytes() + " decoded bytes");
        }
    }

    /**
     * Refuses an encode whose codec would need more working memory than
     * {@link Limits#maxDecodedBytes()}: libwebp with alpha or lossless (its lossless coder, also
     * used for the alpha plane, holds ARGB copies and hash chains: about 10 bytes a pixel measured)
     * or lossy without alpha (YUV planes, about 2 bytes a pixel). The other encoders stream rows.
     */
    static void checkEncode(Mat adapted, EncodeOptions options, Limits limits) {
        if (!(options instanceof WebpOptions webp)) {
            return;
        }
        int perPixel = webp.lossless() || adapted.channels() == 4 ? 10 : 2;
        long bytes = saturatingMultiply(adapted.total(), perPixel);
        if (bytes > limits.maxDecodedBytes()) {
            throw new ImageTooLargeException("encoding " + adapted.cols() + "x" + adapted.rows() + " as WebP"
                    + (webp.lossless() ? " (lossless)" : adapted.channels() == 4 ? " with alpha" : "") + " needs about "
                    + bytes + " bytes of encoder memory, over the limit of " + limits.maxDecodedBytes() + " decoded bytes");
        }
    }

    /**
     * Bytes per pixel of the Mat OpenCV decodes to: colour is 8-bit BGR, greyscale 8-bit grey;
     * unchanged keeps the stored channels (a palette becomes BGR, or BGRA when it may have alpha;
     * grey with alpha becomes BGRA) and the stored sample size.
     */
    static int decodedBytesPerPixel(ImageHeader h, ReadMode mode) {
        if (mode == ReadMode.GRAYSCALE) {
            return 1;
        }
        if (mode == ReadMode.COLOR || h.format() == Format.JPEG) {
            return mode == ReadMode.COLOR || h.channels() != 1 ? 3 : 1;
        }
        int channels;
        if (h.colorModel() == ColorModel.PALETTE) {
            // a PNG palette may gain alpha from tRNS, a GIF's from its transparent index
            channels = h.format() == Format.PNG || h.format() == Format.GIF ? 4 : 3;
        } else {
            channels = h.channels() == 2 ? 4 : Math.max(1, Math.min(4, h.channels()));
        }
        int depth = h.colorModel() == ColorModel.PALETTE ? 8 : h.bitDepth();
        int bytes = depth <= 8 ? 1 : depth <= 16 ? 2 : depth <= 32 ? 4 : 8;
        return channels * bytes;
    }

    private static long saturatingMultiply(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }
}
