package dev.imbytes.internal.codec.turbo;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.imbytes.ChromaSubsampling;
import dev.imbytes.CorruptImageException;
import dev.imbytes.JpegOptions;
import dev.imbytes.internal.codec.JpegAccelerator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * JPEG decoding and encoding through the system's libjpeg-turbo (its TurboJPEG 2.x API, with
 * SIMD), called through {@code java.lang.foreign}. Only in the Java 22+ part of the multi-release
 * jar; {@link dev.imbytes.internal.codec.JpegAccelerators} finds it by reflection through {@link #load()}.
 *
 * <p>Output matches OpenCV's own codec: decoding uses the accurate integer IDCT and fancy
 * upsampling like OpenCV's reduced decode, and encoding uses the accurate DCT and
 * {@code jpeg_set_quality} like {@code imencode}, so for the options handled here the bytes are
 * the same. Options OpenCV's encoder honours but this one cannot reproduce exactly (Huffman
 * optimisation, restart markers, separate luma/chroma quality) make {@link #encode} return
 * {@code null}, and the caller uses OpenCV.
 *
 * <p>TurboJPEG instances are not thread-safe, so each thread gets its own decompressor and
 * compressor, created on first use and held in a {@link ThreadLocal}. They are destroyed by a
 * {@link Cleaner} once that thread's state is unreachable (the thread has ended, or the
 * ThreadLocal was dropped): at that point no call can be using them, so {@code tjDestroy} is safe.
 * A progressive encode destroys its compressor right away (see {@link #encode}).
 * No finalizer is involved. The small native buffers for out-parameters and the reusable input
 * copy live in an automatic arena and go with the same state.
 */
public final class TurboJpegAccelerator implements JpegAccelerator {

    private final TurboJpegLibrary lib;
    private final ThreadLocal<ThreadHandles> perThread;

    private TurboJpegAccelerator(TurboJpegLibrary lib) {
        this.lib = lib;
        this.perThread = ThreadLocal.withInitial(() -> new ThreadHandles(lib));
    }

    /**
     * Opens the system's libturbojpeg and checks it works.
     *
     * @return the accelerator, or {@code null} when the library is missing, lacks a function or
     *         the 1/2, 1/4, 1/8 scaling, native access is denied, or anything else fails
     */
    public static JpegAccelerator load() {
        try {
            TurboJpegLibrary lib = TurboJpegLibrary.open();
            boolean[] have = new boolean[9];
            for (int[] f : lib.scalingFactors()) {
                if (f[0] == 1 && f[1] >= 1 && f[1] <= 8) {
                    have[f[1]] = true;
                }
            }
            if (!(have[1] && have[2] && have[4] && have[8])) {
                return null;
            }
            TurboJpegAccelerator a = new TurboJpegAccelerator(lib);
            a.perThread.get().decompressor(); // a working instance can be created
            return a;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) { // IllegalStateException, IllegalCallerException, LinkageError, ...
            return null;
        }
    }

    @Override
    public String description() {
        return "libjpeg-turbo (system " + lib.libraryName + ", SIMD) via FFM";
    }

    @Override
    public Mat decode(ByteBuffer jpeg, int scaleDenominator, boolean grayscale) {
        if (scaleDenominator != 1 && scaleDenominator != 2 && scaleDenominator != 4 && scaleDenominator != 8) {
            throw new IllegalArgumentException("JPEG scale denominator must be 1, 2, 4 or 8; was " + scaleDenominator);
        }
        int length = jpeg.remaining();
        if (length == 0) {
            throw new CorruptImageException("JPEG: empty input");
        }
        ThreadHandles t = perThread.get();
        MemorySegment handle = t.decompressor();
        Arena callArena = null;
        try {
            MemorySegment src;
            if (jpeg.isDirect()) {
                src = MemorySegment.ofBuffer(jpeg); // position..limit, no copy
            } else if (length <= ThreadHandles.SCRATCH_KEEP_MAX) {
                src = t.scratch(length);
                MemorySegment.copy(MemorySegment.ofBuffer(jpeg), 0, src, 0, length);
            } else {
                callArena = Arena.ofConfined();
                src = callArena.allocate(length);
                MemorySegment.copy(MemorySegment.ofBuffer(jpeg), 0, src, 0, length);
            }
            return decode(t, handle, src, length, scaleDenominator, grayscale);
        } finally {
            if (callArena != null) {
                callArena.close();
            }
            Reference.reachabilityFence(jpeg);
        }
    }

    private Mat decode(ThreadHandles t, MemorySegment handle, MemorySegment src, long length, int denom,
                       boolean grayscale) {
        MemorySegment ints = t.ints; // width, height, subsampling, colour space
        ints.fill((byte) 0);
        int rc = call(() -> (int) lib.decompressHeader3.invokeExact(handle, src, length,
                ints, ints.asSlice(4), ints.asSlice(8), ints.asSlice(12)));
        if (rc != 0) {
            throw new CorruptImageException("JPEG: " + lib.errorString(handle));
        }
        int width = ints.get(JAVA_INT, 0);
        int height = ints.get(JAVA_INT, 4);
        int colorspace = ints.get(JAVA_INT, 12);
        if (width <= 0 || height <= 0) { // seen on junk input that "succeeds"
            throw new CorruptImageException("JPEG: no valid frame header (width " + width + ", height " + height + ")");
        }
        if (colorspace == TurboJpegLibrary.TJCS_CMYK || colorspace == TurboJpegLibrary.TJCS_YCCK) {
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
            MemorySegment dst = MemorySegment.ofAddress(mat.dataAddr()).reinterpret(pitch * h);
            int pixelFormat = grayscale ? TurboJpegLibrary.TJPF_GRAY : TurboJpegLibrary.TJPF_BGR;
            // Strict: a warning (e.g. "Premature end of JPEG file") stops decoding and is an error.
            int flags = TurboJpegLibrary.TJFLAG_ACCURATEDCT | TurboJpegLibrary.TJFLAG_STOPONWARNING;
            int r = call(() -> (int) lib.decompress2.invokeExact(handle, src, length, dst, w, (int) pitch, h,
                    pixelFormat, flags));
            if (r != 0) {
                String kind = lib.isWarning(handle) ? " (warning, treated as an error)" : "";
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

    @Override
    public byte[] encode(Mat image, JpegOptions options) {
        if (options.optimize() || options.restartInterval() > 0
                || options.lumaQuality().isPresent() || options.chromaQuality().isPresent()) {
            return null; // OpenCV's encoder does these; TurboJPEG 2.x cannot reproduce them exactly
        }
        int type = image.type();
        int pixelFormat;
        int subsampling;
        int channels;
        if (type == CvType.CV_8UC3) {
            pixelFormat = TurboJpegLibrary.TJPF_BGR;
            subsampling = subsampling(options.subsampling());
            channels = 3;
        } else if (type == CvType.CV_8UC1) {
            pixelFormat = TurboJpegLibrary.TJPF_GRAY;
            subsampling = TurboJpegLibrary.TJSAMP_GRAY; // OpenCV writes one-channel images as grey JPEGs
            channels = 1;
        } else {
            return null;
        }
        int rows = image.rows();
        int cols = image.cols();
        long pitch = image.step1(0) * image.elemSize1();
        if (image.dims() != 2 || rows <= 0 || cols <= 0 || image.dataAddr() == 0 || pitch > Integer.MAX_VALUE) {
            return null; // let OpenCV report what is wrong
        }
        ThreadHandles t = perThread.get();
        MemorySegment handle = t.compressor();
        MemorySegment src = MemorySegment.ofAddress(image.dataAddr())
                .reinterpret(pitch * (rows - 1) + (long) cols * channels);
        MemorySegment outPtr = t.outPtr;
        MemorySegment outSize = t.outSize;
        outPtr.set(ADDRESS, 0, MemorySegment.NULL); // TurboJPEG tjAlloc()s the output itself
        outSize.set(JAVA_LONG, 0, 0L);
        int flags = TurboJpegLibrary.TJFLAG_ACCURATEDCT
                | (options.progressive() ? TurboJpegLibrary.TJFLAG_PROGRESSIVE : 0);
        int quality = options.quality();
        try {
            int rc = call(() -> (int) lib.compress2.invokeExact(handle, src, cols, (int) pitch, rows, pixelFormat,
                    outPtr, outSize, subsampling, quality, flags));
            if (rc != 0) {
                return null; // not expected for valid input; OpenCV's encoder then serves (or reports)
            }
            long size = outSize.get(JAVA_LONG, 0);
            MemorySegment out = outPtr.get(ADDRESS, 0);
            if (out.address() == 0 || size <= 0 || size > Integer.MAX_VALUE - 8) {
                return null;
            }
            return out.reinterpret(size).toArray(JAVA_BYTE);
        } finally {
            MemorySegment out = outPtr.get(ADDRESS, 0);
            if (out.address() != 0) {
                call(() -> {
                    lib.free.invokeExact(out);
                    return 0;
                });
                outPtr.set(ADDRESS, 0, MemorySegment.NULL);
            }
            if (options.progressive()) {
                // libjpeg-turbo 2.1.5: a compressor that has written a progressive JPEG writes
                // corrupt baseline JPEGs afterwards (state left in the libjpeg object; seen in
                // TurboJpegCheck). So a progressive encode uses up its instance.
                t.destroyCompressor();
            }
            Reference.reachabilityFence(image);
        }
    }

    private static int subsampling(ChromaSubsampling s) {
        return switch (s) {
            case S420 -> TurboJpegLibrary.TJSAMP_420;
            case S422 -> TurboJpegLibrary.TJSAMP_422;
            case S444 -> TurboJpegLibrary.TJSAMP_444;
            case S411 -> TurboJpegLibrary.TJSAMP_411;
            case S440 -> TurboJpegLibrary.TJSAMP_440;
        };
    }

    @FunctionalInterface
    private interface NativeCall {
        int run() throws Throwable;
    }

    private static int call(NativeCall c) {
        try {
            return c.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
