package dev.imbytes.internal.spec;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.EncodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.UnsupportedFormatException;
import java.util.stream.Collectors;

/**
 * A format refusal in the words of the flag grammar that both the command line and a Spark spec
 * string use ({@code --allow jp2}, {@code --to}), for the two front ends whose users write flags,
 * not Java. The library's exceptions keep their Java wording (they name {@code DecodeOptions},
 * which is right for a Java caller). A refusal that a flag can lift names the flag; one that no
 * flag can lift says so, so that no hint leads to a second refusal. The decision is made from the
 * facts (the header's format, the allow-list, what the bundled OpenCV can do), never by reading the
 * library's message.
 */
public final class FlagHints {
    private FlagHints() {
    }

    /**
     * The refusal behind {@code e} in flag words, or null when {@code e} is not a format refusal
     * that the flags explain (then the exception's own message is the one to show).
     *
     * @param header what the input's header says, or null when it could not be read
     * @param conversion the conversion that was asked for
     */
    public static String explain(Throwable e, ImageInfo header, Conversion conversion) {
        if (!(e instanceof UnsupportedFormatException) || header == null) {
            return null;
        }
        String why = unreadable(header.format(), conversion.decodeOptions());
        if (why == null) {
            Format target = conversion.encodeOptions().map(EncodeOptions::format).orElse(header.format());
            why = unwritable(target);
        }
        return why;
    }

    /**
     * Why flags cannot make {@code f} readable with these decode options, or null when it is
     * readable. A format outside the allow-list gets the {@code --allow} hint only when allowing it
     * is enough.
     */
    public static String unreadable(Format f, DecodeOptions decode) {
        if (!f.canRead()) {
            return "the bundled OpenCV " + Imbytes.openCvVersion() + " has no " + f + " decoder, so imbytes cannot read "
                    + "this file (no flag changes that; convert it with another tool first)";
        }
        if (!f.decodesInMemory() && !decode.tempFileAllowed()) {
            return "OpenCV " + Imbytes.openCvVersion() + " decodes " + f + " only through a temporary file, which imbytes "
                    + "never writes; the command line has no flag to allow it";
        }
        if (!decode.allowedFormats().contains(f)) {
            return f + " input is not allowed by default (allowed: " + decode.allowedFormats().stream()
                    .map(FlagHints::word).collect(Collectors.joining(", ")) + "); opt in with --allow " + word(f);
        }
        return null;
    }

    /** Why flags cannot make imbytes write {@code f}, or null when it can. */
    public static String unwritable(Format f) {
        if (f.readOnly()) {
            return "writing " + f + " is not supported (imbytes reads " + f + " only); use png";
        }
        if (!f.canWrite()) {
            return "the bundled OpenCV " + Imbytes.openCvVersion() + " cannot write " + f
                    + (f == Format.EXR ? " (OpenEXR is off unless the environment has OPENCV_IO_ENABLE_OPENEXR=1)" : "")
                    + "; choose another --to";
        }
        if (!f.encodesInMemory()) {
            return "OpenCV " + Imbytes.openCvVersion() + " writes " + f + " only through a temporary file, which imbytes "
                    + "never writes, and the command line has no flag to allow it; choose another --to";
        }
        return null;
    }

    /** The word the flags take for {@code f} ({@code --to}, {@code --allow}): jpg, tif, jp2, ras ... */
    public static String word(Format f) {
        return f.extension().substring(1);
    }
}
