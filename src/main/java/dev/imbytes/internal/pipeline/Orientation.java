package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.nativelib.MatScope;

import org.opencv.core.Core;
import org.opencv.core.Mat;

/** Turns stored pixels upright according to an EXIF Orientation value (1..8). */
final class Orientation {
    private Orientation() {
    }

    /**
     * The upright image: {@code src} itself for orientation 1, otherwise a new Mat owned by {@code scope}.
     */
    static Mat apply(Mat src, int orientation, MatScope scope) {
        if (orientation <= 1 || orientation > 8) {
            return src;
        }
        Mat dst = scope.mat();
        switch (orientation) {
            case 2 -> Core.flip(src, dst, 1);                                   // mirror left-right
            case 3 -> Core.rotate(src, dst, Core.ROTATE_180);
            case 4 -> Core.flip(src, dst, 0);                                   // mirror top-bottom
            case 5 -> Core.transpose(src, dst);                                 // mirror on the main diagonal
            case 6 -> Core.rotate(src, dst, Core.ROTATE_90_CLOCKWISE);
            case 7 -> {                                                         // mirror on the anti-diagonal
                Core.transpose(src, dst);
                Core.flip(dst, dst, -1);
            }
            default -> Core.rotate(src, dst, Core.ROTATE_90_COUNTERCLOCKWISE); // 8
        }
        return dst;
    }
}
