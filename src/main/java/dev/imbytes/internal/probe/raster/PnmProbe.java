package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/** PBM, PGM and PPM (P1 to P6, plain or raw): width, height and, but for PBM, the largest sample value. */
public final class PnmProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        switch (HeaderText.netpbmKind(s)) {
            case '1': case '4': return Format.PBM;
            case '2': case '5': return Format.PGM;
            case '3': case '6': return Format.PPM;
            default: return null;
        }
    }

    @Override
    public ImageHeader read(ByteReader s, Format f) {
        HeaderText c = new HeaderText(s, f, 2);
        int w = HeaderChecks.dimension(f, "width", c.number("width"));
        int h = HeaderChecks.dimension(f, "height", c.number("height"));
        if (f == Format.PBM) {
            return new ImageHeader(Format.PBM, w, h, 1, 1, -1, ColorModel.GRAY, null);
        }
        long maxval = c.number("maxval");
        if (maxval < 1 || maxval > 65535) {
            throw HeaderChecks.corrupt(f, "invalid maxval " + maxval);
        }
        int depth = maxval < 256 ? 8 : 16;
        boolean gray = f == Format.PGM;
        return new ImageHeader(f, w, h, gray ? 1 : 3, depth, -1, gray ? ColorModel.GRAY : ColorModel.RGB, null);
    }
}
