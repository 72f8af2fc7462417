package dev.imbytes.internal.codec.turbo;

import dev.imbytes.ChromaSubsampling;
import dev.imbytes.JpegOptions;
import java.lang.ref.Reference;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Encodes {@code Mat}s to JPEG with one TurboJPEG compressor and one kept native output buffer,
 * so that after the first frame of a size an encode allocates nothing but its result. Used per
 * thread by {@link TurboJpegAccelerator} and once per {@link dev.imbytes.FrameEncoder}. Not
 * thread-safe.
 *
 * <p>The bytes are OpenCV {@code imencode}'s: the accurate DCT and {@code jpeg_set_quality} as
 * OpenCV uses them, the same colour conversion for BGR and BGRA (whose alpha is dropped), and a
 * grey JPEG for one channel. Options OpenCV honours that TurboJPEG 2.x cannot reproduce exactly
 * (see {@link #reproduces}) are the caller's to route to OpenCV.
 *
 * <p>The output goes straight into the kept buffer ({@code TJFLAG_NOREALLOC}, sized with
 * {@code tjBufSize}, the worst case); an image whose worst case exceeds
 * {@link TurboInstance#KEEP_MAX} lets TurboJPEG allocate for that call, freed right after.
 */
public final class TurboCompressor implements AutoCloseable {

    private final TurboInstance instance;

    /** Where the last {@link #compress} left its output, and how long it is. */
    private long outAddress;
    private int outLength;
    private boolean outKept;

    /** A compressor on {@code lib}; its TurboJPEG handle and buffer are made on first use. */
    public TurboCompressor(TurboJpegBinding lib) {
        this.instance = new TurboInstance(lib, true);
    }

    /**
     * Whether TurboJPEG writes the same bytes as OpenCV for these options: not when they ask for
     * Huffman optimisation, restart markers or separate luma/chroma quality.
     */
    public static boolean reproduces(JpegOptions options) {
        return !options.optimize() && options.restartInterval() == 0
                && options.lumaQuality().isEmpty() && options.chromaQuality().isEmpty();
    }

    /** Whether {@code image} is a kind this encodes: 8-bit, 1, 3 or 4 channels, 2-D, not empty. */
    public static boolean accepts(Mat image) {
        int type = image.type();
        return (type == CvType.CV_8UC1 || type == CvType.CV_8UC3 || type == CvType.CV_8UC4)
                && image.dims() == 2 && image.rows() > 0 && image.cols() > 0 && image.dataAddr() != 0
                && image.step1(0) * image.elemSize1() <= Integer.MAX_VALUE;
    }

    /**
     * Encodes into a new array.
     *
     * @return the JPEG, or {@code null} when TurboJPEG refused (not expected for an image
     *         {@link #accepts} and options it {@link #reproduces}); OpenCV then encodes or reports
     */
    public byte[] encode(Mat image, JpegOptions options) {
        if (!compress(image, options)) {
            return null;
        }
        try {
            byte[] out = new byte[outLength];
            output().get(0, out, 0, outLength);
            return out;
        } finally {
            releaseOutput();
        }
    }

    /**
     * Encodes into {@code destination} at its position, which advances by the length returned.
     *
     * @return the JPEG's length, or -1 when TurboJPEG refused (as for {@link #encode(Mat, JpegOptions)})
     * @throws BufferOverflowException when the JPEG is longer than {@code destination.remaining()};
     *                                 the buffer is then unchanged
     */
    public int encode(Mat image, JpegOptions options, ByteBuffer destination) {
        if (destination.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (!compress(image, options)) {
            return -1;
        }
        try {
            if (outLength > destination.remaining()) {
                throw new BufferOverflowException();
            }
            int at = destination.position();
            destination.put(at, output(), 0, outLength);
            destination.position(at + outLength);
            return outLength;
        } finally {
            releaseOutput();
        }
    }

    private boolean compress(Mat image, JpegOptions options) {
        if (!accepts(image)) {
            throw new IllegalArgumentException("not an 8-bit 1-, 3- or 4-channel 2-D image: " + image);
        }
        TurboJpegBinding lib = instance.lib();
        int channels = image.channels();
        int pixelFormat = channels == 1 ? TurboJpegBinding.TJPF_GRAY
                : channels == 3 ? TurboJpegBinding.TJPF_BGR : TurboJpegBinding.TJPF_BGRA;
        // OpenCV writes one-channel images as grey JPEGs, whatever subsampling was asked.
        int subsampling = channels == 1 ? TurboJpegBinding.TJSAMP_GRAY : subsampling(options.subsampling());
        int rows = image.rows();
        int cols = image.cols();
        int pitch = (int) (image.step1(0) * image.elemSize1()); // the parent's row stride for an ROI
        long worstCase = lib.bufSize(cols, rows, subsampling);
        if (worstCase <= 0) {
            return false; // tjBufSize refused the dimensions
        }
        long handle = instance.handle();
        long cells = instance.cellsAddress();
        ByteBuffer cellView = instance.cells();
        int flags = TurboJpegBinding.TJFLAG_ACCURATEDCT
                | (options.progressive() ? TurboJpegBinding.TJFLAG_PROGRESSIVE : 0);
        outKept = worstCase <= TurboInstance.KEEP_MAX;
        if (outKept) {
            cellView.putLong(0, instance.buffer(worstCase));
            cellView.putLong(8, instance.bufferSize());
            flags |= TurboJpegBinding.TJFLAG_NOREALLOC;
        } else {
            cellView.putLong(0, 0L); // TurboJPEG allocates the output itself
            cellView.putLong(8, 0L);
        }
        int rc;
        try {
            rc = lib.compress2(handle, image.dataAddr(), cols, pitch, rows, pixelFormat, cells, cells + 8,
                    subsampling, options.quality(), flags);
        } finally {
            Reference.reachabilityFence(image); // a Mat's finalizer frees its pixels
            if (options.progressive()) {
                // libjpeg-turbo 2.1.5: a compressor that has written a progressive JPEG writes
                // corrupt baseline JPEGs afterwards (state left in the libjpeg object; seen in
                // TurboJpegCheck). So a progressive encode uses up its handle.
                instance.discardHandle();
            }
        }
        outAddress = cellView.getLong(0);
        long size = cellView.getLong(8);
        if (rc != 0 || outAddress == 0 || size <= 0 || size > (outKept ? instance.bufferSize() : Integer.MAX_VALUE - 8)) {
            releaseOutput();
            return false;
        }
        outLength = (int) size;
        return true;
    }

    /** The last output, from index 0. */
    private ByteBuffer output() {
        return outKept ? instance.bufferView() : instance.lib().view(outAddress, outLength);
    }

    private void releaseOutput() {
        if (!outKept && outAddress != 0) {
            instance.lib().free(outAddress);
        }
        outAddress = 0;
        outLength = 0;
    }

    static int subsampling(ChromaSubsampling s) {
        return switch (s) {
            case S420 -> TurboJpegBinding.TJSAMP_420;
            case S422 -> TurboJpegBinding.TJSAMP_422;
            case S444 -> TurboJpegBinding.TJSAMP_444;
            case S411 -> TurboJpegBinding.TJSAMP_411;
            case S440 -> TurboJpegBinding.TJSAMP_440;
        };
    }

    /** Destroys the TurboJPEG handle and frees the buffers; the compressor is unusable after. */
    @Override
    public void close() {
        instance.close();
    }
}
