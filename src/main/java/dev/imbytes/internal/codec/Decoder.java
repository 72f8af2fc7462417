package dev.imbytes.internal.codec;

import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.pipeline.Plan;
import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.CorruptImageException;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ReadMode;
import java.nio.ByteBuffer;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes checked input with OpenCV's {@code imdecode} (or the JPEG accelerator), at the planned
 * reduction, without applying orientation: {@link Pipeline} does that for every format alike. The
 * files OpenCV 4.9 refuses or misreads take the route their header names: rewritten in memory
 * first ({@link WebpStill}, {@link Os2Bitmap}) or read by the JDK ({@link ImageIoDecoder}).
 */
public final class Decoder {
    private Decoder() {
    }

    /**
     * Decodes {@code input}, whose {@code header} the pipeline has checked, at {@code plan}'s
     * reduction, by the route the header's {@link ImageHeader.Variant} names.
     */
    public static Mat decode(ByteBuffer input, ImageHeader header, DecodeOptions options, Plan plan, MatScope scope) {
        ReadMode mode = options.mode();
        switch (header.variant()) {
            case JDK_IMAGEIO:
                return inMode(ImageIoDecoder.decode(input, header, scope), mode, scope);
            case WEBP_FIRST_FRAME:
                return firstWebpFrame(input, header, mode, scope);
            case WEBP_PADDED:
                return imdecode(WebpStill.padded(input), header, flags(header, mode, 1), scope);
            case BMP_OS2_PALETTE:
                return imdecode(Os2Bitmap.toWindows(input), header, flags(header, mode, 1), scope);
            case OPENCV_COLOR: // OpenCV applies a TIFF palette on its colour path only
                return imdecode(input, header, flags(header, mode == ReadMode.UNCHANGED ? ReadMode.COLOR : mode, 1), scope);
            default:
                break;
        }
        if (header.format() == Format.JPEG && plan.reduction() == 8 && !options.lenient()) {
            byte[] eighth = EighthScaleJpeg.rewrite(input); // same pixels, a fraction of the work
            input = eighth != null ? ByteBuffer.wrap(eighth) : input;
        }
        if (header.format() == Format.JPEG && !options.lenient()) { // the accelerator stops at any warning: strict only
            Mat fast = decodeWithAccelerator(input, header, mode, plan, scope);
            if (fast != null) {
                return fast;
            }
        }
        // PNG: only the chunks OpenCV uses, so libpng has nothing to warn about on stderr
        byte[] png = header.format() == Format.PNG ? PngSanitizer.sanitize(input, PngSanitizer.kept(header, mode)) : null;
        return imdecode(png != null ? ByteBuffer.wrap(png) : input, header, flags(header, mode, plan.reduction()), scope);
    }

    private static Mat imdecode(ByteBuffer bytes, ImageHeader header, int flags, MatScope scope) {
        Mat encoded = scope.own(NativeInput.wrap(bytes));
        Mat decoded;
        try {
            decoded = scope.own(Imgcodecs.imdecode(encoded, flags));
        } catch (CvException e) {
            throw new CorruptImageException(describe(header) + " could not be decoded: " + Encoder.firstLine(e.getMessage()), e);
        } finally {
            scope.releaseEarly(encoded);
        }
        if (decoded.empty()) {
            throw new CorruptImageException(describe(header) + " could not be decoded (OpenCV returned no image)");
        }
        return decoded;
    }

    /**
     * An animated WebP's first frame: decoded as a still file by OpenCV, and placed on the
     * transparent canvas when it does not cover it (libwebp's animation decoder starts from a
     * transparent canvas too, whatever background colour the file names).
     */
    private static Mat firstWebpFrame(ByteBuffer input, ImageHeader header, ReadMode mode, MatScope scope) {
        WebpStill.Frame frame = WebpStill.firstFrame(input, header.width(), header.height());
        if (frame.x() == 0 && frame.y() == 0 && frame.width() == header.width() && frame.height() == header.height()) {
            return imdecode(frame.still(), header, flags(header, mode, 1), scope);
        }
        Mat pixels = imdecode(frame.still(), header, flags(header, ReadMode.UNCHANGED, 1), scope);
        if (pixels.cols() != frame.width() || pixels.rows() != frame.height()) {
            throw new CorruptImageException(describe(header) + ": its first frame decoded to " + pixels.cols() + "x"
                    + pixels.rows() + ", not the " + frame.width() + "x" + frame.height() + " its header says");
        }
        return inMode(placeOnTransparentCanvas(pixels, frame.x(), frame.y(), header.width(), header.height(), scope),
                mode, scope);
    }

    /**
     * {@code pixels} (grey, BGR or BGRA) pasted at {@code x}, {@code y} on a {@code width} ×
     * {@code height} BGRA canvas that is transparent elsewhere; the caller checked that it fits.
     */
    static Mat placeOnTransparentCanvas(Mat pixels, int x, int y, int width, int height, MatScope scope) {
        Mat bgra = pixels;
        if (pixels.channels() != 4) {
            bgra = scope.mat();
            Imgproc.cvtColor(pixels, bgra, pixels.channels() == 1 ? Imgproc.COLOR_GRAY2BGRA : Imgproc.COLOR_BGR2BGRA);
            scope.releaseEarly(pixels);
        }
        Mat canvas = scope.own(new Mat(height, width, CvType.makeType(bgra.depth(), 4), Scalar.all(0)));
        Mat region = scope.own(canvas.submat(new Rect(x, y, bgra.cols(), bgra.rows())));
        bgra.copyTo(region);
        scope.releaseEarly(region);
        scope.releaseEarly(bgra);
        return canvas;
    }

    /**
     * An unchanged decode (grey, BGR or BGRA; 8 or 16 bits) in the form {@code imdecode} gives for
     * {@code mode}: colour is 8-bit BGR (alpha dropped, as OpenCV does), greyscale 8-bit grey.
     */
    static Mat inMode(Mat unchanged, ReadMode mode, MatScope scope) {
        if (mode == ReadMode.UNCHANGED) {
            return unchanged;
        }
        Mat m = unchanged;
        if (m.depth() != CvType.CV_8U) {
            Mat narrow = scope.mat();
            m.convertTo(narrow, CvType.CV_8U, 255.0 / 65535.0);
            scope.releaseEarly(m);
            m = narrow;
        }
        int code = switch (m.channels() * 10 + (mode == ReadMode.GRAYSCALE ? 1 : 3)) {
            case 13 -> Imgproc.COLOR_GRAY2BGR;
            case 31 -> Imgproc.COLOR_BGR2GRAY;
            case 41 -> Imgproc.COLOR_BGRA2GRAY;
            case 43 -> Imgproc.COLOR_BGRA2BGR;
            default -> -1; // already in the mode's form
        };
        if (code < 0) {
            return m;
        }
        Mat out = scope.mat();
        Imgproc.cvtColor(m, out, code);
        scope.releaseEarly(m);
        return out;
    }

    private static Mat decodeWithAccelerator(ByteBuffer input, ImageHeader header, ReadMode mode, Plan plan,
                                             MatScope scope) {
        JpegAccelerator accelerator = JpegAccelerators.active();
        if (accelerator == null || header.channels() == 4) {
            return null;
        }
        boolean gray = mode == ReadMode.GRAYSCALE || mode == ReadMode.UNCHANGED && header.channels() == 1;
        Mat m = accelerator.decode(input, plan.reduction(), gray);
        return m == null ? null : scope.own(m);
    }

    /** OpenCV's imread flags; orientation is always left to the pipeline. */
    static int flags(ImageHeader header, ReadMode mode, int reduction) {
        boolean jpeg = header.format() == Format.JPEG;
        if (mode == ReadMode.UNCHANGED) {
            if (!jpeg || reduction == 1) {
                return Imgcodecs.IMREAD_UNCHANGED; // OpenCV never applies orientation in this mode
            }
            mode = header.channels() == 1 ? ReadMode.GRAYSCALE : ReadMode.COLOR; // a JPEG has no alpha or 16-bit
        }
        int base = mode == ReadMode.GRAYSCALE ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR;
        if (jpeg && reduction > 1) {
            base = switch (reduction) {
                case 2 -> mode == ReadMode.GRAYSCALE ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_2 : Imgcodecs.IMREAD_REDUCED_COLOR_2;
                case 4 -> mode == ReadMode.GRAYSCALE ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_4 : Imgcodecs.IMREAD_REDUCED_COLOR_4;
                default -> mode == ReadMode.GRAYSCALE ? Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 : Imgcodecs.IMREAD_REDUCED_COLOR_8;
            };
        }
        return base | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
    }

    /** "this PNG (640x480)": how messages name the image a header describes. */
    public static String describe(ImageHeader h) {
        return h.width() > 0 ? "this " + h.format() + " (" + h.width() + "x" + h.height() + ")" : "this " + h.format();
    }
}
