package dev.imbytes;

/** JPEG chroma subsampling: how much colour resolution is kept relative to brightness. */
public enum ChromaSubsampling {
    /** Half the colour resolution in both directions: the smallest files (the default). */
    S420(0x221111),
    /** Half the colour resolution horizontally. */
    S422(0x211111),
    /** Full colour resolution: best for text, line art and sharp colour edges. */
    S444(0x111111),
    /** A quarter of the colour resolution horizontally. */
    S411(0x411111),
    /** Half the colour resolution vertically. */
    S440(0x121111);

    private final int openCvValue;

    ChromaSubsampling(int openCvValue) {
        this.openCvValue = openCvValue;
    }

    /** OpenCV's {@code IMWRITE_JPEG_SAMPLING_FACTOR} value. */
    public int openCvValue() {
        return openCvValue;
    }

    /**
     * Parses "420", "4:2:0", "422", "444", "411", "440".
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ChromaSubsampling parse(String text) {
        String digits = java.util.Objects.requireNonNull(text, "text").replace(":", "").trim();
        for (ChromaSubsampling s : values()) {
            if (s.name().substring(1).equals(digits)) {
                return s;
            }
        }
        throw new IllegalArgumentException("subsampling must be one of 420, 422, 444, 411, 440; was \"" + text + "\"");
    }
}
