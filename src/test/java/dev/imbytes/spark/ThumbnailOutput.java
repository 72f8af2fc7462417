package dev.imbytes.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;

/**
 * What {@link ThumbnailJob}'s Parquet output of {@code native-test-images} with the default spec
 * ({@value ThumbnailJob#DEFAULT_SPEC}) must hold, whichever Spark version or cluster wrote it: one
 * row per regular file, each file's outcome as the index states it, format refusals in flag words.
 * Read with the test classpath's Spark, which any version's Parquet output suits.
 */
final class ThumbnailOutput {
    private ThumbnailOutput() {
    }

    /**
     * The regular files under the test images: what {@code binaryFile} lists (like every Hadoop
     * input it skips names starting with {@code .} or {@code _}; the folder has none).
     */
    static long regularFiles() {
        try (Stream<Path> walk = Files.walk(TestImages.ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && !n.startsWith("_"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ok count the index implies: every file it says decodes and the default allow-list reads. */
    static long convertible() {
        return TestImages.rows(r -> r.expected() == TestImages.Expected.DECODES && readsByDefault(r.format())).size();
    }

    private static boolean readsByDefault(Optional<Format> f) {
        return f.isPresent() && f.get().canRead() && DecodeOptions.defaults().allowedFormats().contains(f.get());
    }

    /** Checks every row of the Parquet output at {@code parquet} against the index. */
    static void assertMatchesIndex(Path parquet) {
        List<Row> rows = SharedSpark.session().read().parquet(parquet.toString())
                .select("path", "format", "width", "height", "error").collectAsList();
        assertEquals(regularFiles(), rows.size(), "one row per regular file");
        Map<String, TestImages.Row> index = TestImages.rows().stream()
                .collect(Collectors.toMap(TestImages.Row::path, Function.identity()));
        String marker = TestImages.ROOT.getFileName() + "/";
        Set<String> seen = new HashSet<>();
        for (Row r : rows) {
            String path = r.getString(0).substring(r.getString(0).lastIndexOf(marker) + marker.length());
            assertTrue(seen.add(path), "one row for " + path);
            String error = r.getString(4);
            assertTrue(error == null || !error.contains("DecodeOptions"), path + ": Java-API words in " + error);
            TestImages.Row expected = index.get(path);
            if (expected == null) {
                assertNotNull(error, path + " is not an image");
                continue;
            }
            switch (expected.expected()) {
                case DECODES -> {
                    if (readsByDefault(expected.format())) {
                        assertNull(error, path);
                        assertEquals("jpeg", r.getString(1), path);
                        assertTrue(r.getInt(2) > 0 && r.getInt(2) <= 256 && r.getInt(3) > 0 && r.getInt(3) <= 256,
                                path + " " + r.getInt(2) + "x" + r.getInt(3));
                    } else {
                        assertNotNull(error, path + ": the default allow-list or the bundled OpenCV refuses it");
                    }
                }
                case MUST_FAIL, BOMB -> assertNotNull(error, path);
                case NO_CRASH -> {
                    // may convert or fail; only a refusal of the allow-list has a fixed wording
                }
            }
            if (expected.is(Format.GIF) && error != null && error.startsWith("UnsupportedFormatException")) {
                assertTrue(error.contains("has no GIF decoder") && error.contains("no flag changes that"), error);
            }
            if (expected.is(Format.JPEG2000)) {
                assertNotNull(error, path);
                assertTrue(error.endsWith("opt in with --allow jp2"), error);
            }
        }
        assertFalse(seen.isEmpty());
    }
}
