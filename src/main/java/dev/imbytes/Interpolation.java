package dev.imbytes;

import java.util.OptionalInt;
import org.opencv.imgproc.Imgproc;

/** The resampling filter used when resizing. */
public enum Interpolation {
    /** AREA when shrinking in both directions, CUBIC otherwise (the default). */
    AUTO,
    /** Nearest neighbour: blocky, exact pixel copies. */
    NEAREST(Imgproc.INTER_NEAREST),
    /** Bilinear. */
    LINEAR(Imgproc.INTER_LINEAR),
    /** Bicubic: good for enlarging. */
    CUBIC(Imgproc.INTER_CUBIC),
    /** Pixel-area averaging: the best (moiré-free) choice for shrinking. */
    AREA(Imgproc.INTER_AREA),
    /** Lanczos over 8×8 pixels: sharpest, slowest. */
    LANCZOS4(Imgproc.INTER_LANCZOS4);

    private final OptionalInt openCvFlag;

    Interpolation() {
        this.openCvFlag = OptionalInt.empty();
    }

    Interpolation(int openCvFlag) {
        this.openCvFlag = OptionalInt.of(openCvFlag);
    }

    /** OpenCV's {@code INTER_*} flag; empty for {@link #AUTO}, which picks one by the resize's direction. */
    public OptionalInt openCvFlag() {
        return openCvFlag;
    }
}
