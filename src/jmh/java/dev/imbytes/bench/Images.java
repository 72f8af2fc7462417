package dev.imbytes.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark images, read into memory once: {@code photos} are the 9 EXIF orientation photos
 * (1800×1200 or 1200×1800 JPEGs, ~2 MP, orientations 0–8), {@code large} the two camera JPEGs
 * (5184×3456 and 4256×2832). Paths are relative to the repository root (run from there), or
 * under {@code -Dimbytes.bench.root=...}.
 */
final class Images {
    private Images() {
    }

    static Path root() {
        return Path.of(System.getProperty("imbytes.bench.root", "native-test-images"));
    }

    static List<byte[]> load(String set) {
        Path dir = switch (set) {
            case "photos" -> root().resolve("orientation/exif-orientation-examples");
            case "large" -> root().resolve("large/exifr");
            default -> throw new IllegalArgumentException("unknown image set " + set);
        };
        try (Stream<Path> s = Files.list(dir)) {
            List<byte[]> out = s.filter(p -> p.toString().endsWith(".jpg")).sorted().map(Images::read).toList();
            if (out.isEmpty()) {
                throw new IllegalStateException("no JPEG under " + dir.toAbsolutePath() + " (run from the repository root)");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
