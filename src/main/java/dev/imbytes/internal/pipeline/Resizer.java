package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.nativelib.MatScope;

import dev.imbytes.Interpolation;
import dev.imbytes.Limits;
import dev.imbytes.Size;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/** Carries out a {@link ResizeTarget} decided by the plan: resize, then the centre crop of a cover fit. */
final class Resizer {
    private Resizer() {
    }

    /**
     * Resizes {@code src} to {@code target}. {@code src} may be smaller than the full image the
     * target was computed for when it was decoded at a reduced scale; the result has exactly the
     * size a full decode would have given. A size over {@code limits} (a huge factor or box;
     * {@link dev.imbytes.Fit} saturates at {@code Integer.MAX_VALUE}) is refused with
     * {@link dev.imbytes.ImageTooLargeException} before OpenCV is called.
     */
    static Mat apply(Mat src, ResizeTarget target, Limits limits, MatScope scope) {
        Size size = target.resized();
        SizeLimits.checkResize(size.width(), size.height(), src, limits);
        Mat resized = src;
        if (size.width() != src.cols() || size.height() != src.rows()) {
            resized = scope.mat();
            Imgproc.resize(src, resized, new org.opencv.core.Size(size.width(), size.height()), 0, 0,
                    interpolation(target.interpolation(), src.cols(), src.rows(), size.width(), size.height()));
        }
        Size out = target.output();
        if (out.width() == resized.cols() && out.height() == resized.rows()) {
            return resized;
        }
        int x = (resized.cols() - out.width()) / 2;
        int y = (resized.rows() - out.height()) / 2;
        return scope.own(resized.submat(new Rect(x, y, out.width(), out.height())));
    }

    static int interpolation(Interpolation chosen, int fromWidth, int fromHeight, int toWidth, int toHeight) {
        boolean shrinking = toWidth <= fromWidth && toHeight <= fromHeight;
        return chosen.openCvFlag().orElse(shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
    }
}
