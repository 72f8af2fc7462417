package dev.imbytes.cli;

import dev.imbytes.Conversion;
import dev.imbytes.DecodeOptions;
import dev.imbytes.EncodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.UnsupportedFormatException;
import dev.imbytes.ImageException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one place where a failure becomes a sentence for a command-line user. The library's
 * exceptions keep their Java wording (they name {@code DecodeOptions} and the like, which is right
 * for a Java caller); here a refusal that a flag can lift names the flag ({@code --allow jp2}), and a
 * refusal no flag can lift says so, so that no hint leads to a second refusal. The decision is made
 * from the facts (the header's format, the allow-list, what the bundled OpenCV can do), never by
 * reading the library's message.
 */
final class UserMessages {
    private UserMessages() {
    }

    /**
     * What went wrong with one input, in command-line words.
     *
     * @param header what the input's header says, or null when it could not be read
     * @param conversion the conversion that was asked for
     */
    static String explain(Throwable e, ImageInfo header, Conversion conversion) {
        if (e instanceof UnsupportedFormatException && header != null) {
            String why = unreadable(header.format(), conversion.decodeOptions());
            if (why == null) {
                Format target = conversion.encodeOptions().map(EncodeOptions::format).orElse(header.format());
                why = unwritable(target);
            }
            if (why != null) {
                return why;
            }
        }
        return describe(e);
    }

    /**
     * Why the command line cannot read {@code f} with these decode options, or null when it can. A
     * format outside the allow-list gets the {@code --allow} hint only when allowing it is enough.
     */
    static String unreadable(Format f, DecodeOptions decode) {
        boolean allowed = decode.allowedFormats().contains(f);
        if (!f.canRead()) {
            return "the bundled OpenCV " + Imbytes.openCvVersion() + " has no " + f + " decoder, so imbytes cannot read "
                    + "this file (no flag changes that; convert it with another tool first)";
        }
        if (!f.decodesInMemory() && !decode.tempFileAllowed()) {
            return "OpenCV " + Imbytes.openCvVersion() + " decodes " + f + " only through a temporary file, which imbytes "
                    + "never writes; the command line has no flag to allow it";
        }
        if (!allowed) {
            return f + " input is not allowed by default (allowed: " + decode.allowedFormats().stream()
                    .map(UserMessages::word).collect(Collectors.joining(", ")) + "); opt in with --allow " + word(f);
        }
        return null;
    }

    /** Why the command line cannot write {@code f}, or null when it can. */
    static String unwritable(Format f) {
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

    /**
     * What the header of a failed input says, for its record and its message; null when the
     * failure came before the header was read. The exception carries it, so nothing is read twice.
     */
    static ImageInfo headerOf(Exception e) {
        return e instanceof ImageException image ? image.image().orElse(null) : null;
    }

    /** The word the command line takes for {@code f} ({@code --to}, {@code --allow}): jpg, tif, jp2, ras ... */
    static String word(Format f) {
        return f.extension().substring(1);
    }

    /**
     * A one-line message for any failure: file-system errors say what happened to which path
     * ("no such file or folder: x") instead of a bare exception name and path.
     */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT) + ": " + f.getFile();
        }
        return Main.oneLine(e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
