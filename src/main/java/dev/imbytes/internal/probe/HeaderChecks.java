package dev.imbytes.internal.probe;

import dev.imbytes.CorruptImageException;
import dev.imbytes.Format;

/** The checks and error messages every probe shares, so a bad header reads the same in every format. */
public final class HeaderChecks {

    private HeaderChecks() {
    }

    /** A corrupt-header failure whose message starts with the format's name. */
    public static CorruptImageException corrupt(Format f, String what) {
        return new CorruptImageException(name(f) + ": " + what);
    }

    /** The format's name as messages spell it: {@link Format#displayName()}. */
    static String name(Format f) {
        return f.displayName(); // the names live in Format's table
    }

    /** A width or height from a header: 1 to {@link Integer#MAX_VALUE}, else corrupt. */
    public static int dimension(Format f, String what, long v) {
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw corrupt(f, "invalid " + what + " " + v);
        }
        return (int) v;
    }

    /** {@code text} with every character outside printable ASCII shown as '?', for messages quoting file bytes. */
    public static String printable(String text) {
        return text.replaceAll("[^ -~]", "?");
    }
}
