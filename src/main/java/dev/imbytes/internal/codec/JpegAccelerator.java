package dev.imbytes.internal.codec;

import dev.imbytes.JpegOptions;
import java.nio.ByteBuffer;
import org.opencv.core.Mat;

/**
 * A JPEG codec faster than the bundled OpenCV's (which has no SIMD), used when the system offers
 * one: {@link dev.imbytes.internal.codec.turbo.TurboJpegAccelerator}, chosen by {@link JpegAccelerators}.
 */
public interface JpegAccelerator {

    /**
     * A short description for {@code --version}, {@code info} and {@code bench}, e.g.
     * "libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA".
     */
    String description();

    /**
     * Decodes a JPEG at 1/{@code scaleDenominator} of its size into a new Mat the caller owns:
     * {@code CV_8UC3} BGR, or {@code CV_8UC1} when {@code grayscale}. No EXIF orientation is applied.
     *
     * @param jpeg             the whole file, from position to limit (not modified)
     * @param scaleDenominator 1, 2, 4 or 8
     * @return the image, or {@code null} when this JPEG is one the accelerator does not handle
     *         (e.g. CMYK/YCCK): the caller then decodes with OpenCV
     * @throws dev.imbytes.CorruptImageException when the data is corrupt
     */
    Mat decode(ByteBuffer jpeg, int scaleDenominator, boolean grayscale);

    /**
     * Encodes a continuous {@code CV_8UC3} (BGR) or {@code CV_8UC1} Mat.
     *
     * @return the JPEG bytes, or {@code null} when the options need OpenCV's encoder
     */
    byte[] encode(Mat image, JpegOptions options);
}
