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
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes checked input with OpenCV's {@code imdecode} (or the JPEG accelerator), at the planned
 * reduction, without applying orientation: {@link Pipeline} does that for every format alike.
 */
public final class Decoder {
    private Decoder() {
    }

    /** Decodes {@code input}, whose {@code header} the pipeline has checked, at {@code plan}'s reduction. */
    public static Mat decode(ByteBuffer input, ImageHeader header, DecodeOptions options, Plan plan, MatScope scope) {
        ReadMode mode = options.mode();
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
        Mat encoded = scope.own(NativeInput.wrap(png != null ? ByteBuffer.wrap(png) : input));
        Mat decoded;
        try {
            decoded = scope.own(Imgcodecs.imdecode(encoded, flags(header, mode, plan.reduction())));
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
