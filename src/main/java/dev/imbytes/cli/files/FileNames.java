package dev.imbytes.cli.files;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;

/**
 * File names handled as the bytes the file system holds, whatever the JVM's charset.
 *
 * <p>On Unix a name is bytes, and {@code Path.toString()} decodes them with {@code sun.jnu.encoding}:
 * in a C locale every non-ASCII byte, and in a UTF-8 locale every invalid sequence, turns into a
 * replacement character, and turning that string back into a path either fails ("Malformed input")
 * or names a different file. A path's URI form instead percent-encodes the raw bytes, and
 * {@code Path.of(URI)} decodes them back exactly, so every name that is derived from another here
 * goes through that form and never through a decoded string.
 */
public final class FileNames {
    private FileNames() {
    }

    /** The last name of {@code p} in its raw, percent-encoded form (ASCII only). */
    public static String rawName(Path p) {
        String raw = p.toAbsolutePath().toUri().getRawPath();
        if (raw.endsWith("/") && raw.length() > 1) {
            raw = raw.substring(0, raw.length() - 1); // toUri() marks an existing folder with a slash
        }
        return raw.substring(raw.lastIndexOf('/') + 1);
    }

    /** {@code p}'s sibling called {@code rawName} (percent-encoded, as {@link #rawName} gives), byte-exact. */
    public static Path sibling(Path p, String rawName) {
        String uri = p.toAbsolutePath().toUri().toString();
        if (uri.endsWith("/")) {
            uri = uri.substring(0, uri.length() - 1);
        }
        return likeOriginal(p, Path.of(URI.create(uri.substring(0, uri.lastIndexOf('/') + 1) + rawName)));
    }

    /** The file called {@code rawName} (percent-encoded) inside folder {@code dir}, byte-exact. */
    public static Path child(Path dir, String rawName) {
        String uri = dir.toAbsolutePath().toUri().toString();
        return likeOriginal(dir, Path.of(URI.create((uri.endsWith("/") ? uri : uri + "/") + rawName)));
    }

    /** {@code absolute} made relative to the working folder again when {@code original} was relative. */
    private static Path likeOriginal(Path original, Path absolute) {
        return original.isAbsolute() ? absolute : Path.of("").toAbsolutePath().relativize(absolute);
    }

    /**
     * The key under which two output paths count as the same file. Names are compared ignoring case
     * (and Unicode normalisation), on every platform: macOS and Windows file systems do, and the plan
     * of a batch must not depend on where it runs. A name that is not valid UTF-8 is compared by its
     * bytes (ASCII letters ignoring case), so two such names never merge.
     */
    public static String collisionKey(Path p) {
        String raw = p.toAbsolutePath().normalize().toUri().getRawPath();
        if (raw.endsWith("/") && raw.length() > 1) {
            raw = raw.substring(0, raw.length() - 1);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(percentDecode(raw)))
                    .toString();
            return "u:" + Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        } catch (CharacterCodingException notUtf8) {
            return "b:" + raw.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a path is shown in records and messages: as the platform decodes it when that is exact,
     * else in its percent-encoded URI form (absolute), so that two different names never print alike.
     */
    public static String display(Path p) {
        String s = p.toString();
        try {
            if (Path.of(s).equals(p)) {
                return s;
            }
        } catch (InvalidPathException lossy) {
            // fall through to the exact form
        }
        return p.toAbsolutePath().toUri().getRawPath();
    }

    private static byte[] percentDecode(String raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }
}
