package dev.imbytes.internal.codec.turbo;

import dev.imbytes.CorruptImageException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Decodes JPEGs, optionally scaled by 1/2, 1/4 or 1/8, with one TurboJPEG decompressor; one per
 * thread in {@link TurboJpegAccelerator}. Not thread-safe.
 *
 * <p>Output matches OpenCV's reduced decode: the accurate integer IDCT and fancy upsampling.
 * Strict: a libjpeg warning (e.g. "Premature end of JPEG file") stops decoding and is an error.
 * A direct input buffer is read in place; heap input is copied into the kept native buffer
 * (or, above {@link TurboInstance#KEEP_MAX}, into one allocated for the call).
 */
final class TurboDecompressor {

    private final TurboInstance instance;

    TurboDecompressor(TurboJpegBinding lib) {
        this.instance = new TurboInstance(lib, false);
    }

    /** Makes the TurboJPEG handle now, so that a broken library shows at load time. */
    void start() {
        instance.handle();
    }

    /** See {@link dev.imbytes.internal.codec.JpegAccelerator#decode}. */
    Mat decode(ByteBuffer jpeg, int denom, boolean grayscale) {
        TurboJpegBinding lib = instance.lib();
        int length = jpeg.remaining();
        long callBuffer = 0;
        try {
            long src;
            if (jpeg.isDirect()) {
                src = lib.address(jpeg) + jpeg.position(); // position..limit, no copy
            } else if (length <= TurboInstance.KEEP_MAX) {
                src = instance.buffer(length);
                instance.bufferView().put(0, jpeg, jpeg.position(), length);
            } else {
                callBuffer = lib.alloc(length);
                if (callBuffer == 0) {
                    throw new OutOfMemoryError("tjAlloc(" + length + ") failed");
                }
                src = callBuffer;
                lib.view(callBuffer, length).put(0, jpeg, jpeg.position(), length);
            }
            return decode(src, length, denom, grayscale);
        } finally {
            if (callBuffer != 0) {
                lib.free(callBuffer);
            }
            Reference.reachabilityFence(jpeg); // a direct buffer's memory goes with the buffer
        }
    }

    private Mat decode(long src, long length, int denom, boolean grayscale) {
        TurboJpegBinding lib = instance.lib();
        long handle = instance.handle();
        var ints = instance.cells(); // width, height, subsampling, colour space
        for (int i = 0; i < 16; i += 4) {
            ints.putInt(i, 0);
        }
        if (lib.decompressHeader3(handle, src, length, instance.cellsAddress()) != 0) {
            throw new CorruptImageException("JPEG: " + lib.errorString(handle));
        }
        int width = ints.getInt(0);
        int height = ints.getInt(4);
        int colorspace = ints.getInt(12);
        if (width <= 0 || height <= 0) { // seen on junk input that "succeeds"
            throw new CorruptImageException("JPEG: no valid frame header (width " + width + ", height " + height + ")");
        }
        if (colorspace == TurboJpegBinding.TJCS_CMYK || colorspace == TurboJpegBinding.TJCS_YCCK) {
            return null; // OpenCV converts CMYK to BGR; TurboJPEG's BGR path does not
        }
        // TJSCALED(dimension, 1/denom) = ceil(dimension / denom), as libjpeg's own scaling does.
        int w = (int) (((long) width + denom - 1) / denom);
        int h = (int) (((long) height + denom - 1) / denom);
        Mat mat = new Mat(h, w, grayscale ? CvType.CV_8UC1 : CvType.CV_8UC3);
        boolean ok = false;
        try {
            long pitch = mat.step1(0) * mat.elemSize1();
            if (mat.dataAddr() == 0 || pitch > Integer.MAX_VALUE) {
                throw new IllegalStateException("cannot allocate a " + w + "x" + h + " image");
            }
            int pixelFormat = grayscale ? TurboJpegBinding.TJPF_GRAY : TurboJpegBinding.TJPF_BGR;
            int flags = TurboJpegBinding.TJFLAG_ACCURATEDCT | TurboJpegBinding.TJFLAG_STOPONWARNING;
            int r = lib.decompress2(handle, src, length, mat.dataAddr(), w, (int) pitch, h, pixelFormat, flags);
            if (r != 0) {
                String kind = lib.errorCode(handle) == TurboJpegBinding.TJERR_WARNING
                        ? " (warning, treated as an error)" : "";
                throw new CorruptImageException("JPEG " + width + "x" + height + ": " + lib.errorString(handle) + kind);
            }
            ok = true;
            return mat;
        } finally {
            if (!ok) {
                mat.release();
            }
        }
    }
}
