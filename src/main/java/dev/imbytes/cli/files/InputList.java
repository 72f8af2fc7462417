package dev.imbytes.cli.files;

import dev.imbytes.Format;
import dev.imbytes.internal.pipeline.BoundedRead;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The files of a folder batch, listed once before anything is written, so that an output can never
 * become an input of the same run. When the output folder lies inside the input folder
 * ({@code convert photos -o photos/thumbs}) the walk never enters it; when it is the input folder
 * itself or a parent of it, every image is an input and {@link OutputPlan} refuses any output that
 * would land on one.
 *
 * <p>Inputs are picked by content, not by name: a file is an input when its first bytes are a
 * known image signature (so {@code .mpo}, {@code .jfif} and extension-less JPEGs are converted), or
 * when its name claims an image format (so a damaged {@code .jpg} is reported as a failure, not
 * passed over). Every other entry is listed too, with the reason it is skipped.
 */
public final class InputList {
    /** Reason for a file that is neither an image by content nor by name. */
    public static final String NOT_AN_IMAGE = "not an image";
    /** Reason for a FIFO, device, socket or link to a folder: never read, so never blocked on. */
    public static final String NOT_REGULAR = "not a regular file";
    /** Reason for a file named like an imbytes temporary (another run's, or a user's look-alike). */
    public static final String TEMPORARY = "named like an imbytes temporary";

    /** One entry below the input folder: an input ({@code skipReason} null) or a file skipped, and why. */
    public record Entry(Path file, String skipReason) {
        /** Whether this entry is converted. */
        public boolean isInput() {
            return skipReason == null;
        }
    }

    private InputList() {
    }

    /**
     * Every entry below {@code root} except folders, sorted by path; {@code outRoot}'s tree left out.
     * Reads the first bytes of each regular file whose name does not already make it an input.
     */
    public static List<Entry> entries(Path root, Path outRoot) throws IOException {
        List<Entry> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // isSameFile, not a string compare: it sees through case-insensitive names and links.
                boolean outputTree = !dir.equals(root) && Files.isDirectory(outRoot) && Files.isSameFile(dir, outRoot);
                return outputTree ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                found.add(new Entry(file, skipReason(file)));
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(Comparator.comparing(Entry::file));
        return found;
    }

    /** The inputs below {@code root} ({@link #entries} without the skipped ones). */
    public static List<Path> images(Path root, Path outRoot) throws IOException {
        return entries(root, outRoot).stream().filter(Entry::isInput).map(Entry::file).toList();
    }

    private static String skipReason(Path file) {
        if (!Files.isRegularFile(file)) {
            return NOT_REGULAR;
        }
        if (AtomicFiles.isTemporary(file)) {
            return TEMPORARY;
        }
        if (isImageName(FileNames.rawName(file))) {
            return null;
        }
        try {
            return BoundedRead.sniff(file) != null ? null : NOT_AN_IMAGE;
        } catch (IOException unreadable) {
            return null; // an input: reading it again gives its error record (e.g. permission denied)
        }
    }

    /** Whether the name ends in an extension of a known image format (any case). */
    public static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String ext = name.substring(dot).toLowerCase(Locale.ROOT);
        for (Format f : Format.values()) {
            if (f.extensions().contains(ext)) {
                return true;
            }
        }
        return false;
    }
}
