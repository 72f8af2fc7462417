package dev.imbytes;

import java.util.Objects;

/**
 * How to resize: to an exact size, within a box, covering a box, to a width, to a height or by a
 * factor — optionally never enlarging, with a chosen (or automatic) interpolation. Immutable.
 *
 * <pre>{@code
 * Fit.exact(500, 500)                  // cv2.resize(img, (500, 500))
 * Fit.within(500, 500).withUpscale(false)   // thumbnail: keep aspect, never enlarge
 * Fit.cover(256, 256)                        // fill the box, centre-crop the overflow
 * Fit.width(800).withInterpolation(Interpolation.LANCZOS4)
 * Fit.within(500, 500).outputSize(new Size(1800, 1200))   // 500x333
 * }</pre>
 */
public final class Fit {

    /** The kind of resize. */
    public enum Mode {
        /** Exactly width × height; aspect ratio is not kept. */
        EXACT,
        /** As large as fits inside width × height, keeping aspect ratio. */
        WITHIN,
        /** As small as covers width × height keeping aspect ratio, then centre-cropped to it. */
        COVER,
        /** To a width; height follows the aspect ratio. */
        WIDTH,
        /** To a height; width follows the aspect ratio. */
        HEIGHT,
        /** By a scale factor. */
        SCALE
    }

    private final Mode mode;
    private final int width;
    private final int height;
    private final double scale;
    private final boolean upscale;
    private final Interpolation interpolation;

    private Fit(Mode mode, int width, int height, double scale, boolean upscale, Interpolation interpolation) {
        this.mode = mode;
        this.width = width;
        this.height = height;
        this.scale = scale;
        this.upscale = upscale;
        this.interpolation = Objects.requireNonNull(interpolation, "interpolation");
    }

    /** Exactly {@code width} × {@code height}. */
    public static Fit exact(int width, int height) {
        return box(Mode.EXACT, width, height);
    }

    /** The largest size inside {@code width} × {@code height} with the image's aspect ratio. */
    public static Fit within(int width, int height) {
        return box(Mode.WITHIN, width, height);
    }

    /** Fill {@code width} × {@code height} keeping aspect ratio, then crop the overflow around the centre. */
    public static Fit cover(int width, int height) {
        return box(Mode.COVER, width, height);
    }

    /** To {@code width} pixels wide, keeping aspect ratio. */
    public static Fit width(int width) {
        Check.positive("width", width);
        return new Fit(Mode.WIDTH, width, 0, 0, true, Interpolation.AUTO);
    }

    /** To {@code height} pixels high, keeping aspect ratio. */
    public static Fit height(int height) {
        Check.positive("height", height);
        return new Fit(Mode.HEIGHT, 0, height, 0, true, Interpolation.AUTO);
    }

    /** By {@code factor} (0.5 halves each side). */
    public static Fit scale(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("scale factor must be > 0 and finite, was " + factor);
        }
        return new Fit(Mode.SCALE, 0, 0, factor, true, Interpolation.AUTO);
    }

    private static Fit box(Mode mode, int width, int height) {
        Check.positive("width", width);
        Check.positive("height", height);
        return new Fit(mode, width, height, 0, true, Interpolation.AUTO);
    }

    /**
     * A copy that may enlarge ({@code true}, the default) or never does ({@code false}: an image
     * already smaller than the target keeps its size).
     */
    public Fit withUpscale(boolean allowed) {
        return new Fit(mode, width, height, scale, allowed, interpolation);
    }

    /** A copy with a chosen interpolation. */
    public Fit withInterpolation(Interpolation chosen) {
        return new Fit(mode, width, height, scale, upscale, chosen);
    }

    /** The kind of resize. */
    public Mode mode() {
        return mode;
    }

    /** The target width (0 when the mode has none). */
    public int width() {
        return width;
    }

    /** The target height (0 when the mode has none). */
    public int height() {
        return height;
    }

    /** The scale factor of {@link Mode#SCALE} (0 otherwise). */
    public double scaleFactor() {
        return scale;
    }

    /** Whether this fit may enlarge. */
    public boolean upscale() {
        return upscale;
    }

    /** The chosen interpolation ({@link Interpolation#AUTO} by default). */
    public Interpolation interpolation() {
        return interpolation;
    }

    /**
     * The size an image of size {@code source} is resized to before any crop: for
     * {@link Mode#COVER} this is at least the box; {@link #outputSize} gives the final size.
     *
     * @return each side at least 1
     */
    public Size resizedSize(Size source) {
        Objects.requireNonNull(source, "source");
        int sourceWidth = source.width();
        int sourceHeight = source.height();
        double sx;
        double sy;
        switch (mode) {
            case EXACT -> {
                sx = (double) width / sourceWidth;
                sy = (double) height / sourceHeight;
            }
            case WITHIN -> sx = sy = Math.min((double) width / sourceWidth, (double) height / sourceHeight);
            case COVER -> sx = sy = Math.max((double) width / sourceWidth, (double) height / sourceHeight);
            case WIDTH -> sx = sy = (double) width / sourceWidth;
            case HEIGHT -> sx = sy = (double) height / sourceHeight;
            default -> sx = sy = scale;
        }
        if (!upscale && (sx > 1 || sy > 1)) {
            return source;
        }
        int w = mode == Mode.EXACT ? width : dimension(sourceWidth, sx, mode == Mode.COVER ? width : 0);
        int h = mode == Mode.EXACT ? height : dimension(sourceHeight, sy, mode == Mode.COVER ? height : 0);
        if (mode == Mode.WIDTH) {
            w = width;
        } else if (mode == Mode.HEIGHT) {
            h = height;
        }
        return new Size(w, h);
    }

    /**
     * The final size for a source of size {@code source}, after any crop. For {@link Mode#COVER}
     * the crop never exceeds the box, also when {@link #withUpscale withUpscale(false)} kept a
     * smaller source at its size.
     */
    public Size outputSize(Size source) {
        Size r = resizedSize(source);
        if (mode == Mode.COVER) {
            return new Size(Math.min(r.width(), width), Math.min(r.height(), height));
        }
        return r;
    }

    private static int dimension(int source, double factor, int atLeast) {
        long v = Math.round(source * factor);
        return (int) Math.max(Math.max(1, atLeast), Math.min(Integer.MAX_VALUE, v));
    }

    @Override
    public String toString() {
        String size = switch (mode) {
            case EXACT, WITHIN, COVER -> width + "x" + height;
            case WIDTH -> "width " + width;
            case HEIGHT -> "height " + height;
            case SCALE -> "x" + scale;
        };
        return "Fit[" + mode.name().toLowerCase(java.util.Locale.ROOT) + " " + size
                + (upscale ? "" : ", no upscale") + ", " + interpolation + "]";
    }
}
