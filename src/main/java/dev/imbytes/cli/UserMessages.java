package dev.imbytes.cli;

import dev.imbytes.Conversion;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageException;
import dev.imbytes.internal.spec.FlagHints;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * The one place where a failure becomes a sentence for a command-line user: a format refusal in
 * flag words ({@link FlagHints}, shared with the Spark UDF, whose specs use the same flags), a
 * file-system error as what happened to which path.
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
        String why = FlagHints.explain(e, header, conversion);
        return why != null ? why : describe(e);
    }

    /**
     * What the header of a failed input says, for its record and its message; null when the
     * failure came before the header was read. The exception carries it, so nothing is read twice.
     */
    static ImageInfo headerOf(Exception e) {
        return e instanceof ImageException image ? image.image().orElse(null) : null;
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
