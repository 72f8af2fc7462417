package dev.imbytes;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * CIE76 colour differences between two sRGB images of the same size: each pixel's sRGB samples
 * (8 or 16 bits; grey as R = G = B; alpha ignored) to CIE Lab under D65, then the Euclidean
 * distance. A ΔE of 1 is about the smallest difference an observer notices side by side.
 *
 * @param mean the mean over all pixels
 * @param max  the largest
 */
public record DeltaE(double mean, double max) {

    /** The differences between {@code a} and {@code b}, which must have the same size. */
    public static DeltaE between(Mat a, Mat b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new AssertionError("sizes differ: " + a.size() + " and " + b.size());
        }
        double[] la = lab(a);
        double[] lb = lab(b);
        double sum = 0;
        double max = 0;
        for (int i = 0; i < la.length; i += 3) {
            double dl = la[i] - lb[i];
            double da = la[i + 1] - lb[i + 1];
            double db = la[i + 2] - lb[i + 2];
            double d = Math.sqrt(dl * dl + da * da + db * db);
            sum += d;
            max = Math.max(max, d);
        }
        return new DeltaE(sum / (la.length / 3), max);
    }

    /** L, a, b for every pixel of a BGR, BGRA or grey Mat of 8 or 16 bits. */
    private static double[] lab(Mat m) {
        int channels = m.channels();
        int n = (int) m.total();
        double[] samples = new double[n * channels];
        double scale;
        if (m.depth() == CvType.CV_8U) {
            byte[] s = new byte[samples.length];
            m.get(0, 0, s);
            for (int i = 0; i < s.length; i++) {
                samples[i] = s[i] & 0xFF;
            }
            scale = 255;
        } else if (m.depth() == CvType.CV_16U) {
            short[] s = new short[samples.length];
            m.get(0, 0, s);
            for (int i = 0; i < s.length; i++) {
                samples[i] = s[i] & 0xFFFF;
            }
            scale = 65535;
        } else {
            throw new AssertionError("8- or 16-bit samples expected, not " + CvType.typeToString(m.type()));
        }
        double[] lab = new double[n * 3];
        for (int p = 0; p < n; p++) {
            int s = p * channels;
            double r = linear(samples[channels == 1 ? s : s + 2] / scale);
            double g = linear(samples[channels == 1 ? s : s + 1] / scale);
            double bl = linear(samples[s] / scale);
            // sRGB (IEC 61966-2-1) to XYZ, D65, normalised by the D65 white
            double x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
            double y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
            double z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
            double fx = f(x);
            double fy = f(y);
            double fz = f(z);
            lab[p * 3] = 116 * fy - 16;
            lab[p * 3 + 1] = 500 * (fx - fy);
            lab[p * 3 + 2] = 200 * (fy - fz);
        }
        return lab;
    }

    private static double linear(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
