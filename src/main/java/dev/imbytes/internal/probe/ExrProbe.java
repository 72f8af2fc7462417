package dev.imbytes.internal.probe;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;

/** OpenEXR: the first part's attributes, for the data window (the decoded size) and the channel list. */
final class ExrProbe implements FormatProbe {

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, 0x76, 0x2F, 0x31, 0x01) ? Format.EXR : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        long p = 8; // magic + version/flags
        long[] window = null;
        int channels = 0;
        int depth = 0;
        boolean r = false;
        boolean g = false;
        boolean b = false;
        boolean a = false;
        boolean y = false;
        while (true) {
            String name = cString(s, p);
            p += name.length() + 1;
            if (name.isEmpty()) {
                break; // end of the (first part's) header
            }
            String type = cString(s, p);
            p += type.length() + 1;
            long size = s.s32le(p);
            p += 4;
            if (size < 0) {
                throw HeaderChecks.corrupt(Format.EXR, "negative size for attribute \"" + name + "\"");
            }
            if (!s.has(p, size)) {
                throw HeaderChecks.corrupt(Format.EXR, "header truncated inside attribute \"" + name + "\"");
            }
            if (name.equals("dataWindow") && type.equals("box2i") && size >= 16 && window == null) {
                window = new long[] {s.s32le(p), s.s32le(p + 4), s.s32le(p + 8), s.s32le(p + 12)};
            } else if (name.equals("channels") && type.equals("chlist") && channels == 0) {
                long q = p;
                long end = p + size;
                while (q < end) {
                    String ch = cString(s, q);
                    q += ch.length() + 1;
                    if (ch.isEmpty() || q + 16 > end) {
                        break;
                    }
                    int pixelType = s.s32le(q);
                    q += 16;
                    if (channels == 0) {
                        depth = pixelType == 1 ? 16 : 32;
                    }
                    channels++;
                    r |= ch.equals("R");
                    g |= ch.equals("G");
                    b |= ch.equals("B");
                    a |= ch.equals("A");
                    y |= ch.equals("Y");
                }
            }
            p += size;
        }
        if (window == null) {
            throw HeaderChecks.corrupt(Format.EXR, "no dataWindow attribute");
        }
        int w = HeaderChecks.dimension(Format.EXR, "dataWindow width", window[2] - window[0] + 1);
        int h = HeaderChecks.dimension(Format.EXR, "dataWindow height", window[3] - window[1] + 1);
        ColorModel color = r && g && b ? (a ? ColorModel.RGBA : ColorModel.RGB)
                : y ? (a ? ColorModel.GRAY_ALPHA : ColorModel.GRAY) : ColorModel.UNKNOWN;
        return new ImageHeader(Format.EXR, w, h, channels, depth, -1, color, null);
    }

    /** A NUL-terminated string of at most 255 characters at {@code p}. */
    private static String cString(ByteReader s, long p) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = s.u8(p + sb.length());
            if (c == 0) {
                return sb.toString();
            }
            if (sb.length() >= 255) {
                throw HeaderChecks.corrupt(Format.EXR, "attribute name or type longer than 255 bytes");
            }
            sb.append((char) c);
        }
    }
}
