package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.nativelib.MatScope;

import dev.imbytes.Background;
import dev.imbytes.Format;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Makes pixels fit what the output format can store: flattens alpha onto a background, scales
 * 16-bit or float samples to 8 bits (or 8-bit to float), and converts channel counts.
 */
final class TargetAdapter {
    private TargetAdapter() {
    }

    /**
     * {@code src} adapted to {@code target}; {@code src} itself when nothing needs changing. Each
     * intermediate copy is released as soon as the next one exists, so that at most the source
     * and two copies are alive at once.
     */
    static Mat adapt(Mat src, Format target, Background background, MatScope scope) {
        Mat m = src;
        boolean floatTarget = !target.bitDepths().contains(8); // PFM, HDR, EXR: 8 and 16-bit become float
        if (m.channels() == 4 && !target.supportsAlpha()) {
            // 16-bit straight to 8-bit where the target needs it: one copy less, and one rounding
            boolean to8 = m.depth() == CvType.CV_16U && !target.supports16Bit() && !floatTarget;
            m = flatten(m, background, to8 ? CvType.CV_8U : m.depth(), scope);
        } else if (m.channels() == 2) {
            m = convertColor(m, Imgproc.COLOR_GRAY2BGR, scope); // never made by imdecode; defensive
        }
        Mat depthAdapted = adaptDepth(m, target, floatTarget, scope);
        releaseIntermediate(m, depthAdapted, src, scope);
        Mat out = adaptChannels(depthAdapted, target, scope);
        releaseIntermediate(depthAdapted, out, src, scope);
        return out;
    }

    private static void releaseIntermediate(Mat previous, Mat next, Mat src, MatScope scope) {
        if (previous != next && previous != src) {
            scope.releaseEarly(previous);
        }
    }

    private static Mat adaptDepth(Mat m, Format target, boolean floatTarget, MatScope scope) {
        int depth = m.depth();
        if (floatTarget) {
            double scale = depth == CvType.CV_8U ? 1 / 255.0 : depth == CvType.CV_16U ? 1 / 65535.0 : 1;
            return depth == CvType.CV_32F ? m : convertDepth(m, CvType.CV_32F, scale, scope);
        }
        if (depth == CvType.CV_8U) {
            return m;
        }
        if (depth == CvType.CV_16U) {
            return target.supports16Bit() ? m : convertDepth(m, CvType.CV_8U, 255.0 / 65535.0, scope);
        }
        if (depth == CvType.CV_32F && target.bitDepths().contains(32)) {
            return m; // TIFF: float kept as it is
        }
        // float or other depths: samples are taken as 0..1 (OpenCV's convention for float images)
        return target.supports16Bit()
                ? convertDepth(m, CvType.CV_16U, 65535.0, scope)
                : convertDepth(m, CvType.CV_8U, 255.0, scope);
    }

    /** Grey, colour or colour with alpha, as the target stores (4 channels were flattened already). */
    private static Mat adaptChannels(Mat m, Format target, MatScope scope) {
        int c = m.channels();
        if (target.channelCounts().contains(c)) {
            return m;
        }
        if (target.channelCounts().contains(3)) {
            return convertColor(m, c == 1 ? Imgproc.COLOR_GRAY2BGR : Imgproc.COLOR_BGRA2BGR, scope);
        }
        return convertColor(m, c == 4 ? Imgproc.COLOR_BGRA2GRAY : Imgproc.COLOR_BGR2GRAY, scope);
    }

    private static Mat convertDepth(Mat m, int depth, double scale, MatScope scope) {
        Mat out = scope.mat();
        m.convertTo(out, depth, scale);
        return out;
    }

    private static Mat convertColor(Mat m, int code, MatScope scope) {
        Mat out = scope.mat();
        Imgproc.cvtColor(m, out, code);
        return out;
    }

    /** Pixels per band of {@link #flatten}: a quarter megapixel, whose float scratch is some 16 MB. */
    private static final int BAND_PIXELS = 1 << 18;

    /**
     * Composites a BGRA image over an opaque colour: out = colour + alpha × (pixel − colour), per
     * channel, in float to avoid rounding drift, then back to the source depth. It works in bands
     * of rows because the float scratch takes 60 bytes a pixel: for a whole 100 MP image that would
     * be gigabytes, for a band it is a bounded few tens of MB next to the output.
     */
    static Mat flatten(Mat bgra, Background background, int outDepth, MatScope scope) {
        Mat out = scope.mat();
        out.create(bgra.rows(), bgra.cols(), CvType.makeType(outDepth, 3));
        int bandRows = Math.max(1, BAND_PIXELS / Math.max(1, bgra.cols()));
        for (int y = 0; y < bgra.rows(); y += bandRows) {
            int end = Math.min(bgra.rows(), y + bandRows);
            try (MatScope band = new MatScope()) {
                Mat flat = flattenBand(band.own(bgra.submat(y, end, 0, bgra.cols())), background, outDepth, band);
                flat.copyTo(band.own(out.submat(y, end, 0, bgra.cols())));
            }
        }
        return out;
    }

    private static Mat flattenBand(Mat bgra, Background background, int outDepth, MatScope scope) {
        double max = bgra.depth() == CvType.CV_16U ? 65535.0 : bgra.depth() == CvType.CV_32F ? 1.0 : 255.0;
        Mat alpha = scope.mat();
        Core.extractChannel(bgra, alpha, 3);
        Mat alphaF = scope.mat();
        alpha.convertTo(alphaF, CvType.CV_32F, 1.0 / max);
        Mat alpha3 = scope.mat();
        List<Mat> planes = new ArrayList<>(List.of(alphaF, alphaF, alphaF));
        Core.merge(planes, alpha3);
        Mat bgr = convertColor(bgra, Imgproc.COLOR_BGRA2BGR, scope);
        Mat bgrF = scope.mat();
        bgr.convertTo(bgrF, CvType.CV_32F);
        Scalar colour = new Scalar(background.blue() * max / 255.0, background.green() * max / 255.0,
                background.red() * max / 255.0);
        Mat diff = scope.mat();
        Core.subtract(bgrF, colour, diff);       // pixel − colour
        Mat weighted = scope.mat();
        Core.multiply(diff, alpha3, weighted);   // alpha × (pixel − colour)
        Mat sum = scope.mat();
        Core.add(weighted, colour, sum);
        Mat out = scope.mat();
        double toOut = outDepth == bgra.depth() ? 1 : 255.0 / 65535.0; // only 16-bit to 8-bit changes depth here
        sum.convertTo(out, outDepth, toOut);     // rounds and saturates
        return out;
    }
}
