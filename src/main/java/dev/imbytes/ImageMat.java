package dev.imbytes;

import dev.imbytes.internal.nativelib.MatCounter;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * An OpenCV {@link Mat} with one owner, for try-with-resources. OpenCV pixel memory lives outside
 * the Java heap and the garbage collector does not see it; closing the holder releases it at once.
 *
 * <pre>{@code
 * try (ImageMat image = Imbytes.decode(bytes)) {
 *     Mat bgr = image.mat();       // borrowed: valid until close()
 *     ...
 * }
 * }</pre>
 */
public final class ImageMat implements AutoCloseable {
    private Mat mat;

    /** Takes ownership of {@code mat}: closing this holder releases it. */
    public ImageMat(Mat mat) {
        this.mat = Objects.requireNonNull(mat, "mat");
        MatCounter.allocated();
    }

    /**
     * The Mat, still owned by this holder.
     *
     * @throws IllegalStateException after {@link #close()} or {@link #detach()}
     */
    public Mat mat() {
        if (mat == null) {
            throw new IllegalStateException("this ImageMat was closed or detached");
        }
        return mat;
    }

    /** Width in pixels. */
    public int width() {
        return mat().cols();
    }

    /** Height in pixels. */
    public int height() {
        return mat().rows();
    }

    /** Channels per pixel (1 grey, 3 BGR, 4 BGRA). */
    public int channels() {
        return mat().channels();
    }

    /**
     * Gives up ownership: the caller now owns the returned Mat and must {@link Mat#release()} it.
     * Closing this holder afterwards does nothing.
     */
    public Mat detach() {
        Mat m = mat();
        mat = null;
        MatCounter.released();
        return m;
    }

    /** Releases the Mat's native memory; safe to call more than once. */
    @Override
    public void close() {
        if (mat != null) {
            mat.release();
            mat = null;
            MatCounter.released();
        }
    }

    @Override
    public String toString() {
        return mat == null ? "ImageMat[closed]" : "ImageMat[" + mat.cols() + "x" + mat.rows() + ", "
                + org.opencv.core.CvType.typeToString(mat.type()) + "]";
    }
}
