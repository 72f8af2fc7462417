package dev.imbytes.bench;

/** The measured workloads: the size asked for and the output. */
public enum Workload {
    /** decode → exactly 500×500 → JPEG q95 (the "seed" case). */
    SEED(500, 500, true, "jpg", 95),
    /** decode → within 256×256 → JPEG q85. */
    THUMBNAIL(256, 256, false, "jpg", 85),
    /** decode → within 1024×1024 → PNG (zlib level 6 where the library lets us choose). */
    PNG(1024, 1024, false, "png", 0);

    final int width;
    final int height;
    final boolean exact;
    final String format;
    final int quality;

    Workload(int width, int height, boolean exact, String format, int quality) {
        this.width = width;
        this.height = height;
        this.exact = exact;
        this.format = format;
        this.quality = quality;
    }

    /** The output size for a source of w × h (upright). */
    int[] size(int w, int h) {
        if (exact) {
            return new int[] {width, height};
        }
        double s = Math.min((double) width / w, (double) height / h);
        return new int[] {(int) Math.max(1, Math.round(w * s)), (int) Math.max(1, Math.round(h * s))};
    }

    /** The largest JPEG scale 1/2, 1/4, 1/8 whose decode still covers the output (as imbytes' Plan). */
    int reduction(int w, int h) {
        int[] t = size(w, h);
        for (int d : new int[] {8, 4, 2}) {
            if ((w + d - 1) / d >= t[0] && (h + d - 1) / d >= t[1]) {
                return d;
            }
        }
        return 1;
    }
}
