package dev.imbytes.internal;

import dev.imbytes.Format;
import dev.imbytes.UnsupportedFormatException;
import java.nio.ByteBuffer;

/** TEMPORARY stub: replaced by the full plain-Java header probe. */
public final class HeaderProbe {
    private HeaderProbe() {
    }

    public static Format sniff(ByteBuffer d) {
        int p = d.position();
        int n = d.remaining();
        if (n >= 3 && (d.get(p) & 0xff) == 0xff && (d.get(p + 1) & 0xff) == 0xd8 && (d.get(p + 2) & 0xff) == 0xff) {
            return Format.JPEG;
        }
        if (n >= 8 && (d.get(p) & 0xff) == 0x89 && d.get(p + 1) == 'P' && d.get(p + 2) == 'N' && d.get(p + 3) == 'G') {
            return Format.PNG;
        }
        if (n >= 12 && d.get(p) == 'R' && d.get(p + 8) == 'W' && d.get(p + 9) == 'E') {
            return Format.WEBP;
        }
        if (n >= 4 && (d.get(p) == 'I' && d.get(p + 1) == 'I' || d.get(p) == 'M' && d.get(p + 1) == 'M')) {
            return Format.TIFF;
        }
        if (n >= 2 && d.get(p) == 'B' && d.get(p + 1) == 'M') {
            return Format.BMP;
        }
        if (n >= 3 && d.get(p) == 'G' && d.get(p + 1) == 'I' && d.get(p + 2) == 'F') {
            return Format.GIF;
        }
        return null;
    }

    public static ImageHeader probe(ByteBuffer d) {
        Format f = sniff(d);
        if (f == null) {
            throw new UnsupportedFormatException("unrecognised image data");
        }
        return new ImageHeader(f, 0, 0, 0, 0, -1, "", null);
    }
}
