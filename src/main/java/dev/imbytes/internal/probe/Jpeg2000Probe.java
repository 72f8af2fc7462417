package dev.imbytes.internal.probe;

import dev.imbytes.ColorModel;
import dev.imbytes.Format;

/**
 * JPEG 2000, in a JP2 container (boxes: ihdr, bpcc and colr inside jp2h, then the jp2c
 * codestream) or as a raw J2K codestream. The codestream's SIZ segment is what OpenJPEG decodes,
 * so it is what the limits see; a container that disagrees with it is a defect.
 */
final class Jpeg2000Probe implements FormatProbe {

    /** SOC then SIZ: how every codestream, raw or boxed, starts. */
    private static final int[] CODESTREAM_START = {0xFF, 0x4F, 0xFF, 0x51};

    @Override
    public Format sniff(ByteReader s) {
        return s.startsWith(0, 0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A)
                || s.startsWith(0, CODESTREAM_START) ? Format.JPEG2000 : null;
    }

    @Override
    public ImageHeader read(ByteReader s, Format format) {
        if (s.startsWith(0, CODESTREAM_START)) {
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
            String type = s.fourCc(off + 4);
            long header = 8;
            long end;
            if (lbox == 1) {
                header = 16;
                long xl = s.u64be(off + 8);
                if (xl < header) {
                    throw HeaderChecks.corrupt(Format.JPEG2000, "bad length in box \"" + type + "\"");
                }
                end = off + xl < 0 ? Long.MAX_VALUE : off + xl;
            } else if (lbox == 0) {
                end = len;
            } else if (lbox < 8) {
                throw HeaderChecks.corrupt(Format.JPEG2000, "bad length " + lbox + " in box \"" + type + "\"");
            } else {
                end = off + lbox;
            }
            long content = off + header;
            if (type.equals("jp2h") && ihdr < 0) {
                long sub = content;
                long subEnd = Math.min(end, len);
                while (sub + 8 <= subEnd) {
                    long sl = s.u32be(sub);
                    String st = s.fourCc(sub + 4);
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
                if (!s.startsWith(content, CODESTREAM_START)) {
                    throw HeaderChecks.corrupt(Format.JPEG2000, "codestream box does not start with SOC and SIZ");
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
            throw HeaderChecks.corrupt(Format.JPEG2000, "no image header (ihdr) box");
        }
        int h = HeaderChecks.dimension(Format.JPEG2000, "height", s.u32be(ihdr));
        int w = HeaderChecks.dimension(Format.JPEG2000, "width", s.u32be(ihdr + 4));
        int nc = s.u16be(ihdr + 8);
        if (nc == 0) {
            throw HeaderChecks.corrupt(Format.JPEG2000, "image header declares 0 components");
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
    private static String precisionMismatch(ByteReader s, long cs, int components, int bpc) {
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
    private static ImageHeader siz(ByteReader s, long cs, int enumCs) {
        long lsiz = s.u16be(cs + 4);
        if (lsiz < 41) {
            throw HeaderChecks.corrupt(Format.JPEG2000, "SIZ segment length " + lsiz + " is too short");
        }
        long xsiz = s.u32be(cs + 8);
        long ysiz = s.u32be(cs + 12);
        long xo = s.u32be(cs + 16);
        long yo = s.u32be(cs + 20);
        int csiz = s.u16be(cs + 40);
        if (csiz == 0) {
            throw HeaderChecks.corrupt(Format.JPEG2000, "SIZ declares 0 components");
        }
        int ssiz = s.u8(cs + 42);
        int w = HeaderChecks.dimension(Format.JPEG2000, "width (Xsiz - XOsiz)", xsiz - xo);
        int h = HeaderChecks.dimension(Format.JPEG2000, "height (Ysiz - YOsiz)", ysiz - yo);
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

    /** The colour model from the colr box's enumerated colour space, else from the component count. */
    private static ColorModel j2kColor(int nc, int enumCs) {
        switch (enumCs) {
            case 16: return nc >= 4 ? ColorModel.RGBA : ColorModel.RGB;
            case 17: return nc >= 2 ? ColorModel.GRAY_ALPHA : ColorModel.GRAY;
            case 18: return ColorModel.YCBCR;
            case 12: return ColorModel.CMYK;
            default: return ColorModel.ofSampleCount(nc);
        }
    }

}
