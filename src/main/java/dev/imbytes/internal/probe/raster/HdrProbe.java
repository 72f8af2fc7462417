package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/** Radiance HDR: "#?RADIANCE" or "#?RGBE", header lines, an empty line, then e.g. "-Y 480 +X 640". */
public final class HdrProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, "#?RADIANCE") || s.startsWith(0, "#?RGBE") ? Format.HDR : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        HeaderText c = new HeaderText(s, Format.HDR, 0);
        c.line(); // magic line
        while (!c.line().isEmpty()) {
            // header variables (FORMAT=32-bit_rle_rgbe, EXPOSURE=...) are not needed
        }
        String res = c.line().trim();
        String[] t = res.split("[ \t]+");
        if (t.length != 4 || t[0].length() != 2 || t[2].length() != 2
                || "+-".indexOf(t[0].charAt(0)) < 0 || "+-".indexOf(t[2].charAt(0)) < 0
                || t[0].charAt(1) == t[2].charAt(1)
                || "XY".indexOf(t[0].charAt(1)) < 0 || "XY".indexOf(t[2].charAt(1)) < 0) {
            throw HeaderChecks.corrupt(Format.HDR, "bad resolution line \"" + HeaderChecks.printable(res) + "\"");
        }
        long a = HeaderText.decimal(Format.HDR, t[1], "bad resolution value");
        long b = HeaderText.decimal(Format.HDR, t[3], "bad resolution value");
        boolean yFirst = t[0].charAt(1) == 'Y';
        int w = HeaderChecks.dimension(Format.HDR, "width", yFirst ? b : a);
        int h = HeaderChecks.dimension(Format.HDR, "height", yFirst ? a : b);
        // RGBE pixels: three mantissas sharing an exponent, decoded as 32-bit float RGB.
        return new ImageHeader(Format.HDR, w, h, 3, 32, -1, ColorModel.RGB, null);
    }
}
