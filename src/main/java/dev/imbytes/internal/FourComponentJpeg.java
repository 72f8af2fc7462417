package dev.imbytes.internal;

import dev.imbytes.ReadMode;
import java.nio.ByteBuffer;
import org.opencv.core.Mat;

/** TEMPORARY: CMYK/YCCK JPEGs, until the JDK-raster fallback lands. */
final class FourComponentJpeg {
    private FourComponentJpeg() {
    }

    static Mat decode(ByteBuffer input, ImageHeader header, ReadMode mode, MatScope scope) {
        throw new dev.imbytes.UnsupportedFormatException("CMYK JPEG not yet supported");
    }
}
