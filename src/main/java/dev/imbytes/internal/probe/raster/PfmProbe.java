package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/** PFM ("PF" colour, "Pf" grey): 32-bit float samples; the scale line that follows is not needed. */
public final class PfmProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        int kind = HeaderText.netpbmKind(s);
        return kind == 'F' || kind == 'f' ? Format.PFM : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        boolean color = s.u8(1) == 'F';
        HeaderText c = new HeaderText(s, Format.PFM, 2);
        int w = HeaderChecks.dimension(Format.PFM, "width", c.number("width"));
        int h = HeaderChecks.dimension(Format.PFM, "height", c.number("height"));
        return new ImageHeader(Format.PFM, w, h, color ? 3 : 1, 32, -1, color ? ColorModel.RGB : ColorModel.GRAY, null);
    }
}
