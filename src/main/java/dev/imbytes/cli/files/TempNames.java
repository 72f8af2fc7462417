package dev.imbytes.cli.files;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the temporary files an output is written to before it is renamed into place, and the
 * proof that a leftover one was made by imbytes.
 *
 * <p>A temporary is called {@code .imbytes-partial-<nonce>-<seal>.tmp}: 16 random hex digits, then
 * the first 16 hex digits of SHA-256 over the marker, the folder's exact path (its raw bytes,
 * percent-encoded) and the nonce. A file counts as an earlier run's leftover, and may be deleted,
 * only when its whole name has this shape and its seal matches the folder it is in. No one names a
 * file like that by accident (a chance of 2<sup>-64</sup>), and a leftover copied or moved to
 * another folder no longer matches, so it is kept. Any other name that merely contains the marker
 * is a user's file and is never touched.
 */
final class TempNames {
    /** Every temporary's name starts with a dot and this marker. */
    static final String MARK = ".imbytes-partial-";
    private static final Pattern SHAPE = Pattern.compile("\\.imbytes-partial-([0-9a-f]{16})-([0-9a-f]{16})\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private TempNames() {
    }

    /** A fresh temporary name for a file in {@code dir}. */
    static String fresh(Path dir) {
        byte[] nonce = new byte[8];
        RANDOM.nextBytes(nonce);
        String n = HEX.formatHex(nonce);
        return MARK + n + "-" + seal(dir, n) + ".tmp";
    }

    /** Whether {@code p}'s name has a temporary's shape (whoever made it). */
    static boolean looksTemporary(Path p) {
        return p.getFileName() != null && SHAPE.matcher(FileNames.rawName(p)).matches();
    }

    /** Whether {@code p} is provably a temporary imbytes made in the folder it is in now. */
    static boolean provablyOurs(Path p) {
        if (p.getFileName() == null) {
            return false;
        }
        Matcher m = SHAPE.matcher(FileNames.rawName(p));
        return m.matches() && m.group(2).equals(seal(p.toAbsolutePath().getParent(), m.group(1)));
    }

    private static String seal(Path dir, String nonce) {
        String folder = dir.toAbsolutePath().normalize().toUri().getRawPath();
        if (folder.endsWith("/")) {
            folder = folder.substring(0, folder.length() - 1); // toUri() adds one only when the folder exists
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((MARK + "\0" + folder + "\0" + nonce).getBytes(StandardCharsets.US_ASCII));
            return HEX.formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
