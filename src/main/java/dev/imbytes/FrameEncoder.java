package dev.imbytes;

import dev.imbytes.internal.codec.Encoder;
import dev.imbytes.internal.codec.JpegAccelerators;
import dev.imbytes.internal.codec.turbo.TurboCompressor;
import dev.imbytes.internal.codec.turbo.TurboJpegBinding;
import dev.imbytes.internal.nativelib.MatScope;
import dev.imbytes.internal.nativelib.NativeLibrary;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A reusable JPEG encoder for a stream of frames, e.g. from a camera or a video: turns an 8-bit
 * {@code Mat} (BGR, BGRA or grey; continuous or a region of a larger Mat) into the bytes
 * {@code Imgcodecs.imencode(".jpg", frame, params)} writes for the same options, into a new
 * {@code byte[]} or into a caller's {@link ByteBuffer}.
 *
 * <p>With the system's libturbojpeg (SIMD; see {@link Imbytes#jpegCodec()}), the encoder keeps one
 * TurboJPEG compressor and one native output buffer for its whole life, so after the first frame
 * of a size an encode allocates nothing but its result (and nothing at all into a
 * {@code ByteBuffer}). Without it, or for options only OpenCV's encoder reproduces (Huffman
 * optimisation, restart markers, separate luma/chroma quality), each frame goes through OpenCV's
 * {@code imencode}: the same API and the same bytes, at OpenCV's speed. {@link #codec()} says which.
 *
 * <p>As with {@code imencode}, a BGRA frame's alpha channel is dropped, not flattened (unlike
 * {@link Imbytes#encode(Mat, EncodeOptions)}), and a grey frame makes a grey JPEG.
 *
 * <p><b>Not thread-safe, by design:</b> the kept compressor is one thread's state. Use one encoder
 * per thread (a {@code ThreadLocal}, or one per worker). Close it when done, to free its native
 * memory at once; an encoder that is not closed is freed after it becomes unreachable.
 *
 * <pre>{@code
 * try (FrameEncoder jpeg = FrameEncoder.jpeg(JpegOptions.quality(80))) {
 *     while (camera.read(frame)) {
 *         byte[] bytes = jpeg.encode(frame);
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class FrameEncoder implements AutoCloseable {

    private final JpegOptions options;
    /** The kept TurboJPEG compressor, or null when OpenCV encodes every frame. */
    private final TurboCompressor turbo;
    private final String codec;
    private boolean closed;

    private FrameEncoder(JpegOptions options) {
        this.options = options;
        NativeLibrary.ensureLoaded();
        TurboJpegBinding binding = JpegAccelerators.binding();
        if (binding != null && TurboCompressor.reproduces(options)) {
            turbo = new TurboCompressor(binding);
            codec = JpegAccelerators.description();
        } else {
            turbo = null;
            codec = "OpenCV imencode";
        }
    }

    /**
     * An encoder writing JPEGs with {@code options} (quality, progressive, chroma subsampling ...).
     *
     * @throws NativeLibraryException when OpenCV cannot be loaded
     */
    public static FrameEncoder jpeg(JpegOptions options) {
        return new FrameEncoder(Objects.requireNonNull(options, "options"));
    }

    /** The options every frame is encoded with. */
    public JpegOptions options() {
        return options;
    }

    /**
     * Which codec encodes the frames, e.g. {@code "libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA"}
     * or {@code "OpenCV imencode"}.
     */
    public String codec() {
        return codec;
    }

    /**
     * Encodes one frame into a new array.
     *
     * @throws IllegalArgumentException when {@code frame} is empty, not 2-D, or not 8-bit with 1, 3 or 4 channels
     * @throws IllegalStateException    after {@link #close()}
     * @throws ImageException           when the encoder fails (not expected for a valid frame)
     */
    public byte[] encode(Mat frame) {
        check(frame);
        if (turbo != null) {
            byte[] out = turbo.encode(frame, options);
            if (out != null) {
                return out;
            }
        }
        try (MatScope scope = new MatScope()) {
            return Encoder.withOpenCv(frame, options, scope);
        }
    }

    /**
     * Encodes one frame into {@code destination}, from its position on; the position then advances
     * past the JPEG, and the limit is unchanged.
     *
     * @return the JPEG's length in bytes
     * @throws BufferOverflowException  when the JPEG does not fit in {@code destination.remaining()}
     *                                  bytes; nothing is written and the position is unchanged
     *                                  (encode into a larger buffer, or use {@link #encode(Mat)})
     * @throws java.nio.ReadOnlyBufferException when {@code destination} is read-only
     * @throws IllegalArgumentException as for {@link #encode(Mat)}
     * @throws IllegalStateException    after {@link #close()}
     */
    public int encode(Mat frame, ByteBuffer destination) {
        Objects.requireNonNull(destination, "destination");
        check(frame);
        if (destination.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        if (turbo != null) {
            int n = turbo.encode(frame, options, destination);
            if (n >= 0) {
                return n;
            }
        }
        byte[] out = encode(frame);
        if (out.length > destination.remaining()) {
            throw new BufferOverflowException();
        }
        destination.put(out);
        return out.length;
    }

    private void check(Mat frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed) {
            throw new IllegalStateException("this FrameEncoder is closed");
        }
        if (!TurboCompressor.accepts(frame)) {
            throw new IllegalArgumentException("a frame must be a non-empty 2-D 8-bit Mat with 1, 3 or 4 channels;"
                    + " this one is " + frame.cols() + "x" + frame.rows() + " " + CvType.typeToString(frame.type())
                    + " with " + frame.dims() + " dimensions");
        }
    }

    /** Frees the native compressor and buffer now. Idempotent; the encoder cannot be used after. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (turbo != null) {
                turbo.close();
            }
        }
    }
}
