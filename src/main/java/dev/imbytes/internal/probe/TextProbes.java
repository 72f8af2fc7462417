package dev.imbytes.internal.probe;

import dev.imbytes.Format;

/** Headers written as ASCII text: PNM (P1-P7), PFM and Radiance HDR. */
final class TextProbes {

    private TextProbes() {
    }

    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
    }

    /** A cursor over ASCII header text. */
    private static final class Cursor {
        final Src s;
        final Format f;
        long p;

        Cursor(Src s, Format f, long p) {
            this.s = s;
            this.f = f;
            this.p = p;
        }

        boolean atEnd() {
            return p >= s.length();
        }

        /** Skips whitespace and '#' comments (to the end of their line). */
        void skipSpaceAndComments() {
            while (!atEnd()) {
                int c = s.u8(p);
                if (isSpace(c)) {
                    p++;
                } else if (c == '#') {
                    while (!atEnd() && s.u8(p) != '\n' && s.u8(p) != '\r') {
                        p++;
                    }
                } else {
                    return;
                }
            }
        }

        /** A non-negative decimal number; throws when there is none or it exceeds int range. */
        long number(String what) {
            skipSpaceAndComments();
            long v = 0;
            int digits = 0;
            while (!atEnd() && s.u8(p) >= '0' && s.u8(p) <= '9') {
                v = v * 10 + (s.u8(p) - '0');
                if (v > Integer.MAX_VALUE) {
                    throw HeaderProbe.corrupt(f, what + " is too large");
                }
                digits++;
                p++;
            }
            if (digits == 0) {
                throw HeaderProbe.corrupt(f, atEnd() ? "header truncated before " + what : "no number for " + what);
            }
            return v;
        }

        /** The rest of the current line (without the end-of-line), capped at 256 chars; moves past it. */
        String line() {
            StringBuilder sb = new StringBuilder();
            while (!atEnd()) {
                int c = s.u8(p++);
                if (c == '\n') {
                    return sb.toString();
                }
                if (sb.length() < 256) {
                    sb.append((char) c);
                }
            }
            throw HeaderProbe.corrupt(f, "header truncated (no end of line)");
        }
    }

    static ImageHeader pnm(Src s, Format f) {
        int kind = s.u8(1) - '0';
        if (kind == 7) {
            return pam(s);
        }
        Cursor c = new Cursor(s, f, 2);
        int w = HeaderProbe.dimension(f, "width", c.number("width"));
        int h = HeaderProbe.dimension(f, "height", c.number("height"));
        if (kind == 1 || kind == 4) {
            return new ImageHeader(Format.PBM, w, h, 1, 1, -1, "gray", null);
        }
        long maxval = c.number("maxval");
        if (maxval < 1 || maxval > 65535) {
            throw HeaderProbe.corrupt(f, "invalid maxval " + maxval);
        }
        int depth = maxval < 256 ? 8 : 16;
        boolean gray = kind == 2 || kind == 5;
        return new ImageHeader(f, w, h, gray ? 1 : 3, depth, -1, gray ? "gray" : "rgb", null);
    }

    private static ImageHeader pam(Src s) {
        Cursor c = new Cursor(s, Format.PAM, 2);
        long w = -1;
        long h = -1;
        long depth = -1;
        long maxval = -1;
        String tupl = "";
        while (true) {
            c.skipSpaceAndComments();
            if (c.atEnd()) {
                throw HeaderProbe.corrupt(Format.PAM, "header truncated before ENDHDR");
            }
            String line = c.line().trim();
            int sp = 0;
            while (sp < line.length() && !isSpace(line.charAt(sp))) {
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
        int width = HeaderProbe.dimension(Format.PAM, "WIDTH", w);
        int height = HeaderProbe.dimension(Format.PAM, "HEIGHT", h);
        if (depth < 1) {
            throw HeaderProbe.corrupt(Format.PAM, "missing or invalid DEPTH");
        }
        if (maxval < 1 || maxval > 65535) {
            throw HeaderProbe.corrupt(Format.PAM, "missing or invalid MAXVAL");
        }
        String color;
        switch (tupl) {
            case "BLACKANDWHITE": case "GRAYSCALE": color = "gray"; break;
            case "BLACKANDWHITE_ALPHA": case "GRAYSCALE_ALPHA": color = "gray+alpha"; break;
            case "RGB": color = "rgb"; break;
            case "RGB_ALPHA": color = "rgba"; break;
            default:
                color = depth == 1 ? "gray" : depth == 2 ? "gray+alpha" : depth == 3 ? "rgb" : depth == 4 ? "rgba" : "";
                break;
        }
        return new ImageHeader(Format.PAM, width, height, (int) depth, maxval < 256 ? 8 : 16, -1, color, null);
    }

    private static long parse(String v, String what) {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw HeaderProbe.corrupt(Format.PAM, "invalid " + what + " \"" + v + "\"");
        }
        long n = Long.parseLong(v);
        if (n > Integer.MAX_VALUE) {
            throw HeaderProbe.corrupt(Format.PAM, what + " is too large");
        }
        return n;
    }

    static ImageHeader pfm(Src s) {
        boolean color = s.u8(1) == 'F';
        Cursor c = new Cursor(s, Format.PFM, 2);
        int w = HeaderProbe.dimension(Format.PFM, "width", c.number("width"));
        int h = HeaderProbe.dimension(Format.PFM, "height", c.number("height"));
        return new ImageHeader(Format.PFM, w, h, color ? 3 : 1, 32, -1, color ? "rgb" : "gray", null);
    }

    /** Radiance: "#?RADIANCE" or "#?RGBE", header lines, an empty line, then e.g. "-Y 480 +X 640". */
    static ImageHeader hdr(Src s) {
        Cursor c = new Cursor(s, Format.HDR, 0);
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
            throw HeaderProbe.corrupt(Format.HDR, "bad resolution line \"" + res.replaceAll("[^ -~]", "?") + "\"");
        }
        long a = parseDim(t[1]);
        long b = parseDim(t[3]);
        boolean yFirst = t[0].charAt(1) == 'Y';
        int w = HeaderProbe.dimension(Format.HDR, "width", yFirst ? b : a);
        int h = HeaderProbe.dimension(Format.HDR, "height", yFirst ? a : b);
        // RGBE pixels: three mantissas sharing an exponent, decoded as 32-bit float RGB.
        return new ImageHeader(Format.HDR, w, h, 3, 32, -1, "rgb", null);
    }

    private static long parseDim(String v) {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw HeaderProbe.corrupt(Format.HDR, "bad resolution value \"" + v.replaceAll("[^ -~]", "?") + "\"");
        }
        return Long.parseLong(v);
    }
}
