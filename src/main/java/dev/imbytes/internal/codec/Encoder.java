package dev.imbytes.internal.codec;

import dev.imbytes.internal.nativelib.MatScope;

import dev.imbytes.EncodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.Jpeg2000Options;
import dev.imbytes.JpegOptions;
import dev.imbytes.PlainOptions;
import dev.imbytes.PngOptions;
import dev.imbytes.TiffOptions;
import dev.imbytes.UnsupportedFormatException;
import dev.imbytes.WebpOptions;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** The last step: {@code imencode} with the format's parameters, to a {@code MatOfByte}, to {@code byte[]}. */
public final class Encoder {
    private Encoder() {
    }

    /**
     * Refuses formats this OpenCV cannot write, or could write only through a temporary file the
     * options do not allow. Called once per encode, before any pixel work.
     */
    public static void checkWritable(EncodeOptions options) {
        Format f = options.format();
        if (f.readOnly()) {
            throw new UnsupportedFormatException("writing " + f + " is not supported (imbytes reads " + f
                    + " only); encode as PNG instead");
        }
        if (!f.canWrite()) {
            throw new UnsupportedFormatException("the bundled OpenCV cannot write " + f
                    + f.enablingVariable().map(v -> " (" + f.displayName() + " is disabled unless " + v
                            + "=1 is set at start-up)").orElse(""));
        }
        if (!f.encodesInMemory() && !options.tempFileAllowed()) {
            throw new UnsupportedFormatException("OpenCV 4.9 writes " + f + " only through a temporary file, and imbytes"
                    + " never touches the disk unless allowed (" + options.getClass().getSimpleName()
                    + ".withTempFileAllowed(true))");
        }
    }

    /**
     * Encodes an image already adapted to the format (see {@link TargetAdapter}); the caller has
     * checked the format with {@link #checkWritable} before adapting.
     */
    public static byte[] encode(Mat image, EncodeOptions options, MatScope scope) {
        if (options instanceof JpegOptions jpeg && image.depth() == CvType.CV_8U
                && (image.channels() == 3 || image.channels() == 1)) {
            JpegAccelerator accelerator = JpegAccelerators.active();
            if (accelerator != null) {
                byte[] fast = accelerator.encode(image, jpeg);
                if (fast != null) {
                    return fast;
                }
            }
        }
        return withOpenCv(image, options, scope);
    }

    /**
     * Encodes with OpenCV's {@code imencode} only, as {@code cv2.imencode} would with these
     * options (a BGRA image's alpha is dropped for JPEG, not flattened).
     */
    public static byte[] withOpenCv(Mat image, EncodeOptions options, MatScope scope) {
        MatOfByte out = scope.own(new MatOfByte());
        MatOfInt params = scope.own(new MatOfInt(parameters(options)));
        boolean ok;
        try {
            ok = Imgcodecs.imencode(options.format().extension(), image, out, params);
        } catch (CvException e) {
            throw new ImageException("OpenCV could not encode a " + describe(image) + " image as "
                    + options.format() + ": " + firstLine(e.getMessage()), e);
        }
        if (!ok || out.empty()) {
            throw new ImageException("OpenCV could not encode a " + describe(image) + " image as " + options.format());
        }
        return out.toArray();
    }

    /** OpenCV's {@code IMWRITE_*} key/value pairs for these options. */
    static int[] parameters(EncodeOptions options) {
        if (options instanceof JpegOptions j) {
            IntList p = new IntList();
            p.add(Imgcodecs.IMWRITE_JPEG_QUALITY, j.quality());
            if (j.progressive()) {
                p.add(Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1);
            }
            if (j.optimize()) {
                p.add(Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1);
            }
            if (j.restartInterval() > 0) {
                p.add(Imgcodecs.IMWRITE_JPEG_RST_INTERVAL, j.restartInterval());
            }
            j.lumaQuality().ifPresent(q -> p.add(Imgcodecs.IMWRITE_JPEG_LUMA_QUALITY, q));
            j.chromaQuality().ifPresent(q -> p.add(Imgcodecs.IMWRITE_JPEG_CHROMA_QUALITY, q));
            if (j.subsampling() != dev.imbytes.ChromaSubsampling.S420) { // 4:2:0 is libjpeg's own default
                p.add(Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, j.subsampling().openCvValue());
            }
            return p.toArray();
        }
        if (options instanceof PngOptions png) {
            return new int[] {Imgcodecs.IMWRITE_PNG_COMPRESSION, png.compressionLevel(),
                    Imgcodecs.IMWRITE_PNG_STRATEGY, png.strategy().openCvValue()};
        }
        if (options instanceof WebpOptions w) {
            // OpenCV switches to lossless for any quality above 100
            return new int[] {Imgcodecs.IMWRITE_WEBP_QUALITY, w.lossless() ? 101 : w.quality()};
        }
        if (options instanceof TiffOptions t) {
            return new int[] {Imgcodecs.IMWRITE_TIFF_COMPRESSION, t.compression().tagValue()};
        }
        if (options instanceof Jpeg2000Options j2) {
            return new int[] {Imgcodecs.IMWRITE_JPEG2000_COMPRESSION_X1000, j2.rate()};
        }
        if (options instanceof PlainOptions plain) {
            return switch (plain.format()) {
                case PBM, PGM, PPM -> new int[] {Imgcodecs.IMWRITE_PXM_BINARY, 1};
                default -> new int[0];
            };
        }
        return new int[0];
    }

    static String describe(Mat m) {
        return m.cols() + "x" + m.rows() + " " + CvType.typeToString(m.type());
    }

    /** The useful part of an OpenCV error message: what went wrong, without the source location. */
    public static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int i = message.indexOf(" in function");
        String s = i > 0 ? message.substring(0, i) : message;
        int e = s.lastIndexOf("error: ");
        return (e >= 0 ? s.substring(e + 7) : s).trim();
    }

    /** A tiny growable int array, so parameter lists need no boxing. */
    private static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int key, int value) {
            a[n++] = key;
            a[n++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
