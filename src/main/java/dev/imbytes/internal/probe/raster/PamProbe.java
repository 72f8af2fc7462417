package dev.imbytes.internal.probe.raster;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.FormatProbe;
import dev.imbytes.internal.probe.HeaderChecks;
import dev.imbytes.internal.probe.ImageHeader;

/** PAM (P7): "KEY value" lines up to ENDHDR; the tuple type names the colour model. */
public final class PamProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return HeaderText.netpbmKind(s) == '7' ? Format.PAM : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        HeaderText c = new HeaderText(s, Format.PAM, 2);
        long w = -1;
        long h = -1;
        long depth = -1;
        long maxval = -1;
        String tupl = "";
        while (true) {
            c.skipSpaceAndComments();
            if (c.atEnd()) {
                throw HeaderChecks.corrupt(Format.PAM, "header truncated before ENDHDR");
            }
            String line = c.line().trim();
            int sp = 0;
            while (sp < line.length() && !HeaderText.isSpace(line.charAt(sp))) {
                sp++;
            }
            String key = line.substring(0, sp);
            String value = line.substring(sp).trim();
            if (key.equals("ENDHDR")) {
                break;
            }
            switch (key) {
                case "WIDTH": w = parse(value, "WIDTH"); break;
                case "HEIGHT": h = parse(value, "HEIGHT"); break;
                case "DEPTH": depth = parse(value, "DEPTH"); break;
                case "MAXVAL": maxval = parse(value, "MAXVAL"); break;
                case "TUPLTYPE": tupl = tupl.isEmpty() ? value : tupl + " " + value; break;
                default: break;
            }
        }
        int width = HeaderChecks.dimension(Format.PAM, "WIDTH", w);
        int height = HeaderChecks.dimension(Format.PAM, "HEIGHT", h);
        if (depth < 1) {
            throw HeaderChecks.corrupt(Format.PAM, "missing or invalid DEPTH");
        }
        if (maxval < 1 || maxval > 65535) {
            throw HeaderChecks.corrupt(Format.PAM, "missing or invalid MAXVAL");
        }
        return new ImageHeader(Format.PAM, width, height, (int) depth, maxval < 256 ? 8 : 16, -1,
                colorModel(tupl, depth), null);
    }

    /** The tuple type's colour model; an unknown or missing type is judged by the sample count. */
    private static ColorModel colorModel(String tupleType, long depth) {
        switch (tupleType) {
            case "BLACKANDWHITE": case "GRAYSCALE": return ColorModel.GRAY;
            case "BLACKANDWHITE_ALPHA": case "GRAYSCALE_ALPHA": return ColorModel.GRAY_ALPHA;
            case "RGB": return ColorModel.RGB;
            case "RGB_ALPHA": return ColorModel.RGBA;
            default: return depth > 4 ? ColorModel.UNKNOWN : ColorModel.ofSampleCount((int) depth);
        }
    }

    private static long parse(String v, String what) {
        long n = HeaderText.decimal(Format.PAM, v, "invalid " + what);
        if (n > Integer.MAX_VALUE) {
            throw HeaderChecks.corrupt(Format.PAM, what + " is too large");
        }
        return n;
    }
}
