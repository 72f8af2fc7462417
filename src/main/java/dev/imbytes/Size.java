package dev.imbytes;

/**
 * An image size in pixels: what {@link Fit} computes for a source of a given size.
 *
 * <pre>{@code
 * Size out = Fit.within(500, 500).outputSize(new Size(1800, 1200));   // Size[width=500, height=333]
 * }</pre>
 *
 * @param width  pixels across, 0 or more (an empty image is 0 × 0; every size {@link Fit} computes is at least 1)
 * @param height pixels down, 0 or more
 */
public record Size(int width, int height) {

    /** Validates both sides: a size is never negative. */
    public Size {
        Check.range("width", width, 0, Integer.MAX_VALUE);
        Check.range("height", height, 0, Integer.MAX_VALUE);
    }

    /** Width × height, without overflow. */
    public long pixels() {
        return (long) width * height;
    }

    /** {@code WIDTHxHEIGHT}, e.g. {@code 500x333}. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
