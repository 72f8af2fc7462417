package dev.imbytes.internal.probe;

import dev.imbytes.Format;

/** Binary headers of the less common formats: JPEG 2000 (JP2 and raw J2K), OpenEXR and Sun raster. */
final class MiscProbes {

    private MiscProbes() {
    }

    // ---- JPEG 2000 -----------------------------------------------------------------------

    static ImageHeader jpeg2000(Src s) {
        if (s.startsWith(0, 0xFF, 0x4F, 0xFF, 0x51)) {
            return siz(s, 0, -1);
        }
        int len = s.length();
        long off = 0;
        long ihdr = -1;
        long bpcc = -1;
        int enumCs = -1;
        long codestream = -1;
        // Every top-level box: each step advances by at least 8 bytes, so the data bounds the walk.
        while (off + 8 <= len) {
            long lbox = s.u32be(off);
            String type = type(s, off + 4);
            long header = 8;
            long end;
            if (lbox == 1) {
                header = 16;
                long xl = s.u64be(off + 8);
                if (xl < header) {
                    throw HeaderProbe.corrupt(Format.JPEG2000, "bad length in box \"" + type + "\"");
                }
                end = off + xl < 0 ? Long.MAX_VALUE : off + xl;
            } else if (lbox == 0) {
                end = len;
            } else if (lbox < 8) {
                throw HeaderProbe.corrupt(Format.JPEG2000, "bad length " + lbox + " in box \"" + type + "\"");
            } else {
                end = off + lbox;
            }
            long content = off + header;
            if (type.equals("jp2h") && ihdr < 0) {
                long sub = content;
                long subEnd = Math.min(end, len);
                while (sub + 8 <= subEnd) {
                    long sl = s.u32be(sub);
                    String st = type(s, sub + 4);
                    if (sl < 8) {
                        break; // extended or to-end lengths do not occur inside jp2h
                    }
                    if (st.equals("ihdr") && ihdr < 0 && sl >= 8 + 14) {
                        ihdr = sub + 8;
                    } else if (st.equals("bpcc") && bpcc < 0 && sl >= 9) {
                        bpcc = sub + 8;
                    } else if (st.equals("colr") && enumCs < 0 && sl >= 8 + 7 && s.has(sub + 8, 7)
                            && s.u8(sub + 8) == 1) {
                        enumCs = (int) Math.min(s.u32be(sub + 11), Integer.MAX_VALUE);
                    }
                    sub += sl;
                }
            } else if (type.equals("jp2c")) {
                if (!s.startsWith(content, 0xFF, 0x4F, 0xFF, 0x51)) {
                    throw HeaderProbe.corrupt(Format.JPEG2000, "codestream box does not start with SOC and SIZ");
                }
                codestream = content;
                break;
            }
            off = end;
        }
        // OpenJPEG decodes what the codestream's SIZ says: it is what the limits must see.
        ImageHeader cs = codestream >= 0 ? siz(s, codestream, enumCs) : null;
        if (ihdr < 0) {
            if (cs != null) {
                return cs;
            }
            throw HeaderProbe.corrupt(Format.JPEG2000, "no image header (ihdr) box");
        }
        int h = HeaderProbe.dimension(Format.JPEG2000, "height", s.u32be(ihdr));
        int w = HeaderProbe.dimension(Format.JPEG2000, "width", s.u32be(ihdr + 4));
        int nc = s.u16be(ihdr + 8);
        if (nc == 0) {
            throw HeaderProbe.corrupt(Format.JPEG2000, "image header declares 0 components");
        }
        int bpc = s.u8(ihdr + 10);
        int depth;
        if (bpc == 255) { // components differ: take the first one's from the bpcc box
            depth = bpcc >= 0 && s.has(bpcc, 1) ? (s.u8(bpcc) & 0x7F) + 1 : 0;
        } else {
            depth = (bpc & 0x7F) + 1;
        }
        String defect;
        if (cs == null) {
            defect = "no codestream (jp2c) box: truncated";
        } else if (cs.width() != w || cs.height() != h || cs.channels() != nc) {
            defect = "the image header box says " + w + "x" + h + " with " + nc + " components, the codestream "
                    + cs.width() + "x" + cs.height() + " with " + cs.channels();
        } else if (cs.defect() != null) {
            defect = cs.defect();
        } else {
            defect = bpc == 255 ? null : precisionMismatch(s, codestream, cs.channels(), bpc);
        }
        int width = cs == null ? w : Math.max(w, cs.width());
        int height = cs == null ? h : Math.max(h, cs.height());
        return new ImageHeader(Format.JPEG2000, width, height, nc, depth, -1, j2kColor(nc, enumCs), defect);
    }

    /** The first codestream component whose precision or sign differs from the ihdr box's BPC, or null. */
    private static String precisionMismatch(Src s, long cs, int components, int bpc) {
        for (int i = 0; i < components && s.has(cs + 42 + 3L * i, 1); i++) {
            int ssiz = s.u8(cs + 42 + 3L * i);
            if (ssiz != bpc) {
                return "the image header box gives every component " + describeBits(bpc) + ", the codestream's component "
                        + i + " has " + describeBits(ssiz);
            }
        }
        return null;
    }

    private static String describeBits(int ssiz) {
        return ((ssiz & 0x7F) + 1) + ((ssiz & 0x80) != 0 ? " signed" : " unsigned") + " bits";
    }

    /** The SIZ marker segment of a codestream starting (with SOC) at {@code cs}. */
    private static ImageHeader siz(Src s, long cs, int enumCs) {
        long lsiz = s.u16be(cs + 4);
        if (lsiz < 41) {
            throw HeaderProbe.corrupt(Format.JPEG2000, "SIZ segment length " + lsiz + " is too short");
        }
        long xsiz = s.u32be(cs + 8);
        long ysiz = s.u32be(cs + 12);
        long xo = s.u32be(cs + 16);
        long yo = s.u32be(cs + 20);
        int csiz = s.u16be(cs + 40);
        if (csiz == 0) {
            throw HeaderProbe.corrupt(Format.JPEG2000, "SIZ declares 0 components");
        }
        int ssiz = s.u8(cs + 42);
        int w = HeaderProbe.dimension(Format.JPEG2000, "width (Xsiz - XOsiz)", xsiz - xo);
        int h = HeaderProbe.dimension(Format.JPEG2000, "height (Ysiz - YOsiz)", ysiz - yo);
        String defect = null;
        if (!s.has(cs + 42, 3L * csiz)) {
            defect = "SIZ segment cut short";
        } else {
            // OpenCV 4.9 refuses signed components only after OpenJPEG has read (and warned about) the header
            for (int i = 0; i < csiz; i++) {
                if ((s.u8(cs + 42 + 3L * i) & 0x80) != 0) {
                    defect = "component " + i + " has signed samples, which OpenCV's decoder does not read";
                    break;
                }
            }
        }
        return new ImageHeader(Format.JPEG2000, w, h, csiz, (ssiz & 0x7F) + 1, -1, j2kColor(csiz, enumCs), defect);
    }

    private static String j2kColor(int nc, int enumCs) {
        switch (enumCs) {
            case 16: return nc >= 4 ? "rgba" : "rgb";
            case 17: return nc >= 2 ? "gray+alpha" : "gray";
            case 18: return "ycbcr";
            case 12: return "cmyk";
            default:
                return nc == 1 ? "gray" : nc == 2 ? "gray+alpha" : nc == 3 ? "rgb" : nc == 4 ? "rgba" : "";
        }
    }

    private static String type(Src s, long off) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) s.u8(off + i);
        }
        return new String(c);
    }

    // ---- OpenEXR -------------------------------------------------------------------------

    static ImageHeader exr(Src s) {
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
                throw HeaderProbe.corrupt(Format.EXR, "negative size for attribute \"" + name + "\"");
            }
            if (!s.has(p, size)) {
                throw HeaderProbe.corrupt(Format.EXR, "header truncated inside attribute \"" + name + "\"");
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
            throw HeaderProbe.corrupt(Format.EXR, "no dataWindow attribute");
        }
        int w = HeaderProbe.dimension(Format.EXR, "dataWindow width", window[2] - window[0] + 1);
        int h = HeaderProbe.dimension(Format.EXR, "dataWindow height", window[3] - window[1] + 1);
        String color = r && g && b ? (a ? "rgba" : "rgb") : y ? (a ? "gray+alpha" : "gray") : "";
        return new ImageHeader(Format.EXR, w, h, channels, depth, -1, color, null);
    }

    /** A NUL-terminated string of at most 255 characters at {@code p}. */
    private static String cString(Src s, long p) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = s.u8(p + sb.length());
            if (c == 0) {
                return sb.toString();
            }
            if (sb.length() >= 255) {
                throw HeaderProbe.corrupt(Format.EXR, "attribute name or type longer than 255 bytes");
            }
            sb.append((char) c);
        }
    }

    // ---- Sun raster ----------------------------------------------------------------------

    static ImageHeader sunRaster(Src s) {
        int w = HeaderProbe.dimension(Format.SUN_RASTER, "width", s.u32be(4));
        int h = HeaderProbe.dimension(Format.SUN_RASTER, "height", s.u32be(8));
        long depth = s.u32be(12);
        long mapType = s.u32be(24);
        long mapLength = s.u32be(28);
        int channels;
        int bits;
        String color;
        if (depth == 1) {
            channels = 1; bits = 1; color = mapType != 0 && mapLength > 0 ? "palette" : "gray";
        } else if (depth == 8) {
            channels = 1; bits = 8; color = mapType != 0 && mapLength > 0 ? "palette" : "gray";
        } else if (depth == 24 || depth == 32) {
            // 32-bit pixels are XBGR/XRGB: the fourth byte is padding, not a sample
            channels = 3; bits = 8; color = "rgb";
        } else {
            throw HeaderProbe.corrupt(Format.SUN_RASTER, "unsupported depth " + depth);
        }
        return new ImageHeader(Format.SUN_RASTER, w, h, channels, bits, -1, color, null);
    }
}
