package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/** Sun raster: a fixed 32-byte big-endian header (size, depth, colour map). */
public final class SunRasterProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, 0x59, 0xA6, 0x6A, 0x95) ? Format.SUN_RASTER : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        int w = HeaderChecks.dimension(Format.SUN_RASTER, "width", s.u32be(4));
        int h = HeaderChecks.dimension(Format.SUN_RASTER, "height", s.u32be(8));
        long depth = s.u32be(12);
        long mapType = s.u32be(24);
        long mapLength = s.u32be(28);
        int channels;
        int bits;
        ColorModel color;
        if (depth == 1) {
            channels = 1; bits = 1; color = mapType != 0 && mapLength > 0 ? ColorModel.PALETTE : ColorModel.GRAY;
        } else if (depth == 8) {
            channels = 1; bits = 8; color = mapType != 0 && mapLength > 0 ? ColorModel.PALETTE : ColorModel.GRAY;
        } else if (depth == 24 || depth == 32) {
            // 32-bit pixels are XBGR/XRGB: the fourth byte is padding, not a sample
            channels = 3; bits = 8; color = ColorModel.RGB;
        } else {
            throw HeaderChecks.corrupt(Format.SUN_RASTER, "unsupported depth " + depth);
        }
        return new ImageHeader(Format.SUN_RASTER, w, h, channels, bits, -1, color, null);
    }
}
