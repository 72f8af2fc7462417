package dev.imbytes.internal.probe.raster;

import dev.imbytes.Format;
import dev.imbytes.internal.probe.ByteReader;
import dev.imbytes.internal.probe.HeaderChecks;

/**
 * A cursor over a header written as ASCII text (Netpbm, PFM, Radiance HDR): numbers, lines and
 * '#' comments, each read bounded by the data and by a length cap.
 */
final class HeaderText {

    private final ByteReader s;
    private final Format f;
    private long p;

    /** A cursor at {@code p} in the header of a {@code f} file. */
    HeaderText(ByteReader s, Format f, long p) {
        this.s = s;
        this.f = f;
        this.p = p;
    }

    /** Whether the cursor has reached the end of the data. */
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
                throw HeaderChecks.corrupt(f, what + " is too large");
            }
            digits++;
            p++;
        }
        if (digits == 0) {
            throw HeaderChecks.corrupt(f, atEnd() ? "header truncated before " + what : "no number for " + what);
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
        throw HeaderChecks.corrupt(f, "header truncated (no end of line)");
    }

    /** Whitespace as the Netpbm formats define it. */
    static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
    }

    /** The character after 'P' of a Netpbm-style magic ("P5 ", "PF\n" ...), or -1 when the data does not start with one. */
    static int netpbmKind(ByteReader s) {
        return s.has(0, 3) && s.u8(0) == 'P' && isSpace(s.u8(2)) ? s.u8(1) : -1;
    }

    /** A decimal header value of at most 10 digits, else corrupt with {@code what} in the message. */
    static long decimal(Format f, String v, String what) {
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw HeaderChecks.corrupt(f, what + " \"" + HeaderChecks.printable(v) + "\"");
        }
        return Long.parseLong(v);
    }
}
