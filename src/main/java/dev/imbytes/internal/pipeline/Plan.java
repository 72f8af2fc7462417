package dev.imbytes.internal.pipeline;

import dev.imbytes.internal.probe.ImageHeader;

import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.Size;
import java.util.Optional;

/**
 * What will be decoded and how, decided from the header and the requested size before any pixel
 * is touched: plain data, so the decision is testable without decoding. The resize size is
 * computed here, once, and carried to the shrink-on-load choice, the resize and the result.
 *
 * @param reduction   1, 2, 4 or 8: JPEG shrink-on-load (decode at 1/reduction of the size)
 * @param orientation the EXIF orientation to apply afterwards (1 = none)
 * @param upright     the full image's size after orientation
 * @param resize      the resize that follows the decode, if any
 */
public record Plan(int reduction, int orientation, Size upright, Optional<ResizeTarget> resize) {

    /**
     * Plans a decode of {@code header} that will be resized with {@code fit} (or not, when
     * {@code null}). Shrink-on-load is chosen only when {@code shrinkOnLoad} allows it, only for
     * JPEG, and only the largest factor whose decoded size still covers the target on both sides,
     * so the final resize never enlarges what the decoder produced.
     */
    public static Plan of(ImageHeader header, boolean applyOrientation, Fit fit, boolean shrinkOnLoad) {
        int orientation = applyOrientation ? header.orientation() : 1;
        boolean swap = orientation >= 5;
        Size upright = swap ? new Size(header.height(), header.width()) : new Size(header.width(), header.height());
        Optional<ResizeTarget> resize = Optional.ofNullable(fit).map(f -> ResizeTarget.of(f, upright));
        int reduction = 1;
        if (shrinkOnLoad && resize.isPresent() && header.format() == Format.JPEG && upright.pixels() > 0
                && !isFourComponent(header)) {
            Size target = resize.get().resized();
            for (int d : new int[] {8, 4, 2}) {
                if (ceilDiv(upright.width(), d) >= target.width() && ceilDiv(upright.height(), d) >= target.height()) {
                    reduction = d;
                    break;
                }
            }
        }
        return new Plan(reduction, orientation, upright, resize);
    }

    static boolean isFourComponent(ImageHeader header) {
        return header.format() == Format.JPEG && header.channels() == 4;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
