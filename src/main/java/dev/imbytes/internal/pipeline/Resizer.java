package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.nativelib.MatScope;

import dev.imbytes.Fit;
import dev.imbytes.Interpolation;
import dev.imbytes.Limits;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Applies a {@link Fit}: resize, then the centre crop of {@link Fit.Mode#COVER}. */
final class Resizer {
    private Resizer() {
    }

    /**
     * Resizes {@code src} as {@code fit} asks for an image whose full upright size is
     * {@code fullWidth} × {@code fullHeight}. {@code src} may be smaller than that when it was decoded
     * at a reduced scale; the result has exactly the size a full decode would have given. A size
     * over {@code limits} (a huge factor or box; {@link Fit} saturates at {@code Integer.MAX_VALUE})
     * is refused with {@link dev.imbytes.ImageTooLargeException} before OpenCV is called.
     */
    static Mat apply(Mat src, Fit fit, int fullWidth, int fullHeight, Limits limits, MatScope scope) {
        int[] size = fit.resizedSize(fullWidth, fullHeight);
        SizeLimits.checkResize(size[0], size[1], src, limits);
        Mat resized = src;
        if (size[0] != src.cols() || size[1] != src.rows()) {
            resized = scope.mat();
            Imgproc.resize(src, resized, new Size(size[0], size[1]), 0, 0,
                    interpolation(fit.interpolation(), src.cols(), src.rows(), size[0], size[1]));
        }
        int[] out = fit.outputSize(fullWidth, fullHeight);
        if (out[0] == resized.cols() && out[1] == resized.rows()) {
            return resized;
        }
        int x = (resized.cols() - out[0]) / 2;
        int y = (resized.rows() - out[1]) / 2;
        return scope.own(resized.submat(new Rect(x, y, out[0], out[1])));
    }

    static int interpolation(Interpolation chosen, int fromWidth, int fromHeight, int toWidth, int toHeight) {
        if (chosen != Interpolation.AUTO) {
            return chosen.openCvFlag();
        }
        return toWidth <= fromWidth && toHeight <= fromHeight ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC;
    }
}
