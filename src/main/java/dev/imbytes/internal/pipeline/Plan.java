package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ReadMode;

/**
 * What will be decoded and how, decided from the header and the requested size before any pixel
 * is touched: plain data, so the decision is testable without decoding.
 *
 * @param reduction    1, 2, 4 or 8: JPEG shrink-on-load (decode at 1/reduction of the size)
 * @param orientation  the EXIF orientation to apply afterwards (1 = none)
 * @param uprightWidth the full image's width after orientation
 * @param uprightHeight the full image's height after orientation
 */
public record Plan(int reduction, int orientation, int uprightWidth, int uprightHeight) {

    /**
     * Plans a decode of {@code header} in {@code mode} that will be resized with {@code fit}
     * (or not, when {@code null}). Shrink-on-load is chosen only for JPEG, and only the largest
     * factor whose decoded size still covers the target on both sides, so the final resize never
     * enlarges what the decoder produced.
     */
    public static Plan of(ImageHeader header, ReadMode mode, boolean applyOrientation, Fit fit) {
        int orientation = applyOrientation ? header.orientation() : 1;
        boolean swap = orientation >= 5;
        int w = swap ? header.height() : header.width();
        int h = swap ? header.width() : header.height();
        int reduction = 1;
        if (fit != null && header.format() == Format.JPEG && w > 0 && h > 0 && !isFourComponent(header)) {
            int[] target = fit.resizedSize(w, h);
            for (int d : new int[] {8, 4, 2}) {
                if (ceilDiv(w, d) >= target[0] && ceilDiv(h, d) >= target[1]) {
                    reduction = d;
                    break;
                }
            }
        }
        return new Plan(reduction, orientation, w, h);
    }

    static boolean isFourComponent(ImageHeader header) {
        return header.format() == Format.JPEG && header.channels() == 4;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
