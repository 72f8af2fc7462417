package dev.imbytes;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/** Pixel comparisons for tests. */
public final class Pixels {
    private Pixels() {
    }

    /** Mean absolute difference over all samples of two same-size, same-type Mats. */
    public static double meanAbsDiff(Mat a, Mat b) {
        Mat d = new Mat();
        try {
            Core.absdiff(a, b, d);
            Scalar s = Core.mean(d);
            double sum = 0;
            for (int c = 0; c < a.channels(); c++) {
                sum += s.val[c];
            }
            return sum / a.channels();
        } finally {
            d.release();
        }
    }

    /** PSNR in dB of 8-bit images (infinite when identical). */
    public static double psnr(Mat a, Mat b) {
        return Core.PSNR(a, b);
    }

    /** Whether two Mats have the same size, type and every sample equal. */
    public static boolean identical(Mat a, Mat b) {
        if (a.rows() != b.rows() || a.cols() != b.cols() || a.type() != b.type()) {
            return false;
        }
        Mat d = new Mat();
        try {
            Core.absdiff(a, b, d);
            Mat flat = d.reshape(1);
            return Core.countNonZero(flat) == 0;
        } finally {
            d.release();
        }
    }

    public static String describe(Mat m) {
        return m.cols() + "x" + m.rows() + " " + CvType.typeToString(m.type());
    }
}
