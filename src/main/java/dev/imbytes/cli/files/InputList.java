package dev.imbytes.cli.files;

import dev.imbytes.Format;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The inputs of a folder batch, listed once before anything is written, so that an output can never
 * become an input of the same run. When the output folder lies inside the input folder
 * ({@code convert photos -o photos/thumbs}) the walk never enters it; when it is the input folder
 * itself or a parent of it, every image is an input and {@link OutputPlan} refuses any output that
 * would land on one.
 */
public final class InputList {
    private InputList() {
    }

    /** Regular files below {@code root} with an image extension, sorted by their bytes; {@code outRoot}'s tree left out. */
    public static List<Path> images(Path root, Path outRoot) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // isSameFile, not a string compare: it sees through case-insensitive names and links.
                boolean outputTree = !dir.equals(root) && Files.isDirectory(outRoot) && Files.isSameFile(dir, outRoot);
                return outputTree ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (Files.isRegularFile(file) && !AtomicFiles.isTemporary(file) && isImageName(FileNames.rawName(file))) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
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
