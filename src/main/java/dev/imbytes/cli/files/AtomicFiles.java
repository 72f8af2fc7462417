package dev.imbytes.cli.files;

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
 * any left by a hard kill are removed by {@link #cleanStale(Path)} only when their name proves that
 * imbytes made them there ({@link TempNames}). Nothing else is ever deleted.
 */
public final class AtomicFiles {
    /** Every temporary's name starts with this (see {@link TempNames} for the whole shape). */
    public static final String TEMP_MARK = TempNames.MARK;

    private final Set<Path> inFlight = ConcurrentHashMap.newKeySet();
    private final WriteHook hook;

    /**
     * What stands between the bytes and a temporary: the stream itself in use, a failing one in the
     * test that shows an interrupted write leaves nothing under the final name.
     */
    public interface WriteHook {
        OutputStream around(Path temp, OutputStream out) throws IOException;
    }

    /** Atomic writes straight to the file system. */
    public AtomicFiles() {
        this((temp, out) -> out);
    }

    /** Atomic writes through {@code hook} (for tests that make a write fail part-way). */
    public AtomicFiles(WriteHook hook) {
        this.hook = hook;
    }

    /**
     * Writes {@code data} to {@code target} atomically.
     *
     * @param overwrite replace an existing file; otherwise an existing target raises
     *                  {@link FileAlreadyExistsException} and nothing is written
     */
    public void write(Path target, byte[] data, boolean overwrite) throws IOException {
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
        Path temp = createTemporary(dir);
        try {
            try (OutputStream out = hook.around(temp,
                    Files.newOutputStream(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))) {
                out.write(data);
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

    /**
     * Creates a new, empty temporary in {@code dir} and records it as this run's. Its name is ASCII,
     * so it can be made in any locale.
     */
    public Path createTemporary(Path dir) throws IOException {
        while (true) {
            Path temp = dir.resolve(TempNames.fresh(dir));
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                continue; // 64 random bits collided: draw again
            }
            inFlight.add(temp);
            return temp;
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
    public void deleteInFlight() {
        for (Path p : inFlight) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort at shutdown; a later run removes what is left
            }
        }
    }

    /**
     * Removes the temporaries that an earlier, killed run left anywhere below {@code root}: regular
     * files whose name carries a seal that matches their folder ({@link TempNames#provablyOurs}).
     */
    public static void cleanStale(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            walk.filter(p -> TempNames.provablyOurs(p) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // not ours to fight over: it is skipped as input anyway
                }
            });
        }
    }

    /** Whether {@code p} has the shape of an imbytes temporary (such files are never taken as inputs). */
    public static boolean isTemporary(Path p) {
        return TempNames.looksTemporary(p);
    }

}
