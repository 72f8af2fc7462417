package dev.imbytes.internal.codec.turbo;

import dev.imbytes.JpegOptions;
import dev.imbytes.internal.codec.JpegAccelerator;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * JPEG decoding and encoding through the system's libjpeg-turbo (its TurboJPEG 2.x API, with
 * SIMD), over either {@link TurboJpegBinding}: one code path whatever the binding, so the bytes are
 * the same on FFM and JNA. Output matches OpenCV's own codec (see {@link TurboDecompressor} and
 * {@link TurboCompressor}); options it cannot reproduce make {@link #encode} return {@code null},
 * and the caller uses OpenCV.
 *
 * <p>TurboJPEG instances are not thread-safe, so each thread gets its own decompressor and
 * compressor, created on first use and held in a {@link ThreadLocal}; a Cleaner frees them once
 * that thread's state is unreachable (see {@link TurboInstance}).
 */
public final class TurboJpegAccelerator implements JpegAccelerator {

    private final TurboJpegBinding lib;
    private final ThreadLocal<TurboDecompressor> decompressors;
    private final ThreadLocal<TurboCompressor> compressors;

    private TurboJpegAccelerator(TurboJpegBinding lib) {
        this.lib = lib;
        this.decompressors = ThreadLocal.withInitial(() -> new TurboDecompressor(lib));
        this.compressors = ThreadLocal.withInitial(() -> new TurboCompressor(lib));
    }

    /**
     * An accelerator on {@code lib}, after checking the library has the 1/2, 1/4 and 1/8 scaling
     * and can make a working instance.
     *
     * @throws IllegalStateException when it cannot
     */
    public static TurboJpegAccelerator start(TurboJpegBinding lib) {
        boolean[] have = new boolean[9];
        for (int[] f : lib.scalingFactors()) {
            if (f[0] == 1 && f[1] >= 1 && f[1] <= 8) {
                have[f[1]] = true;
            }
        }
        if (!(have[1] && have[2] && have[4] && have[8])) {
            throw new IllegalStateException(lib.libraryName() + " lacks the 1/2, 1/4 or 1/8 scaling");
        }
        TurboJpegAccelerator a = new TurboJpegAccelerator(lib);
        a.decompressors.get().start();
        return a;
    }

    /** The binding in use. */
    public TurboJpegBinding binding() {
        return lib;
    }

    @Override
    public String description() {
        return "libjpeg-turbo (system " + lib.libraryName() + ", SIMD) via " + lib.mechanism();
    }

    @Override
    public Mat decode(ByteBuffer jpeg, int scaleDenominator, boolean grayscale) {
        if (scaleDenominator != 1 && scaleDenominator != 2 && scaleDenominator != 4 && scaleDenominator != 8) {
            throw new IllegalArgumentException("JPEG scale denominator must be 1, 2, 4 or 8; was " + scaleDenominator);
        }
        if (!jpeg.hasRemaining()) {
            throw new dev.imbytes.CorruptImageException("JPEG: empty input");
        }
        return decompressors.get().decode(jpeg, scaleDenominator, grayscale);
    }

    @Override
    public byte[] encode(Mat image, JpegOptions options) {
        int type = image.type();
        if (!TurboCompressor.reproduces(options) || (type != CvType.CV_8UC3 && type != CvType.CV_8UC1)
                || !TurboCompressor.accepts(image)) {
            return null; // OpenCV's encoder does these, or reports what is wrong
        }
        return compressors.get().encode(image, options);
    }
}
