package dev.imbytes;

/** How to decode pixels, as OpenCV's {@code IMREAD_*} flags choose. */
public enum ReadMode {
    /** 8-bit BGR, three channels (OpenCV's {@code IMREAD_COLOR}); alpha is dropped, 16-bit is scaled. */
    COLOR,
    /** 8-bit single channel ({@code IMREAD_GRAYSCALE}). */
    GRAYSCALE,
    /** As stored ({@code IMREAD_UNCHANGED}): alpha kept (BGRA), 16-bit kept, grey stays one channel. */
    UNCHANGED
}
