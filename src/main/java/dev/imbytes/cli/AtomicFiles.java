package dev.imbytes.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes each output to a temporary file beside its target and renames it into place, so an
 * interrupted run never leaves a truncated file under the final name. Temporaries still open when
 * the JVM is stopped are deleted by {@link #deleteInFlight()} (called from the shutdown hook);
 * any left by a hard kill carry {@link #TEMP_MARK} and are removed by {@link #cleanStale(Path)}.
 */
final class AtomicFiles {
    /** Every temporary's name contains this, so a later run can recognise and remove leftovers. */
    static final String TEMP_MARK = ".imbytes-partial-";

    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final WriteHook hook;

    /** A point where tests inject a failure in the middle of a write. */
    interface WriteHook {
        void afterFirstHalf(Path temp) throws IOException;
    }

    AtomicFiles() {
        this(t -> { });
    }

    AtomicFiles(WriteHook hook) {
        this.hook = hook;
    }

    /**
     * Writes {@code data} to {@code target} atomically.
     *
     * @param overwrite replace an existing file; otherwise an existing target raises
     *                  {@link FileAlreadyExistsException} and nothing is written
     */
    void write(Path target, byte[] data, boolean overwrite) throws IOException {
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            // A device or pipe (/dev/null, a FIFO): stream into it. Renaming a file over it would
            // replace the device node itself.
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                out.write(data);
            }
            return;
        }
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + TEMP_MARK, ".tmp");
        inFlight.add(temp);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                int half = data.length / 2;
                out.write(data, 0, half);
                hook.afterFirstHalf(temp);
                out.write(data, half, data.length - half);
            }
            if (overwrite) {
                move(temp, target);
            } else {
                publishIfAbsent(temp, target);
            }
        } finally {
            Files.deleteIfExists(temp);
            inFlight.remove(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Publishes without ever replacing: a hard link fails atomically when the target exists (a plain
     * rename would silently replace it). File systems without hard links get a check, then a move.
     */
    private static void publishIfAbsent(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return;
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // no hard links here: fall through
        }
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "exists (use --overwrite)");
        }
        Files.move(temp, target);
    }

    /** Deletes the temporaries of writes still in progress (at shutdown). */
    void deleteInFlight() {
        for (Path p : inFlight) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort at shutdown; a later run removes what is left
            }
        }
    }

    /** Removes temporaries that an earlier, killed run left anywhere below {@code root}. */
    static int cleanStale(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int[] removed = {0};
        try (var walk = Files.walk(root)) {
            walk.filter(p -> isTemporary(p) && Files.isRegularFile(p)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                    removed[0]++;
                } catch (IOException ignored) {
                    // not ours to fight over: it is skipped as input anyway
                }
            });
        }
        return removed[0];
    }

    static boolean isTemporary(Path p) {
        return p.getFileName() != null && p.getFileName().toString().contains(TEMP_MARK);
    }

}
