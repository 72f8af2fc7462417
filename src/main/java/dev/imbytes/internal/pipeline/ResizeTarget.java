package dev.imbytes.internal.pipeline;

import dev.imbytes.Fit;
import dev.imbytes.Interpolation;
import dev.imbytes.Size;

/**
 * A resize decided once, for the full upright image, and then only carried out: the size
 * {@link Fit} scales to, the final size after {@link Fit.Mode#COVER}'s centre crop (equal to
 * {@code resized} for every other mode), and the interpolation asked for.
 *
 * @param resized       the size the whole image is scaled to
 * @param output        the final size, after any crop
 * @param interpolation the interpolation the fit asked for ({@link Interpolation#AUTO} decides by direction)
 */
public record ResizeTarget(Size resized, Size output, Interpolation interpolation) {

    /** What {@code fit} makes of an image whose full upright size is {@code source}. */
    public static ResizeTarget of(Fit fit, Size source) {
        return new ResizeTarget(fit.resizedSize(source), fit.outputSize(source), fit.interpolation());
    }
}
