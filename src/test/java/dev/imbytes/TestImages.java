package dev.imbytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;

/**
 * The one way tests reach the real images in {@code native-test-images/}: the typed rows of its
 * {@code index.tsv}, and the files themselves. Every fixture path is resolved here so that a
 * missing file fails by name, instead of as a puzzling decoder or CLI error in the test that
 * wanted it.
 */
public final class TestImages {
    /** The fixture folder, relative to the repository root (where Maven runs the tests and forks). */
    public static final Path ROOT = Path.of("native-test-images");

    private static final String MISSING_ADVICE =
            " (run from the repository root; native-test-images/MANIFEST.md lists where each file comes from)";

    /** What {@code index.tsv}'s {@code expected} column promises for a file. */
    public enum Expected {
        /** Decodes to the listed size (upright when it has an EXIF orientation). */
        DECODES("decodes"),
        /** Must end in a typed {@code ImageException}. */
        MUST_FAIL("must-fail"),
        /** May decode or fail, but only with a typed exception. */
        NO_CRASH("no-crash"),
        /** Declares more pixels than the default limits allow: refused before decoding. */
        BOMB("bomb");

        private final String word;

        Expected(String word) {
            this.word = word;
        }

        static Expected parse(String word) {
            return Arrays.stream(values()).filter(e -> e.word.equals(word)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("index.tsv: unknown expected outcome \"" + word + "\""));
        }

        /** The word {@code index.tsv} uses, e.g. {@code must-fail}. */
        @Override
        public String toString() {
            return word;
        }
    }

    /**
     * One row of {@code index.tsv}. The index writes {@code -} where a value is unknown (an
     * unreadable header, no EXIF orientation); those are empty here. {@code format} is empty for
     * the files the index calls {@code unknown} (no recognisable magic bytes).
     *
     * @param color the index's colour word ({@code ycbcr}, {@code palette}, ...); a plain string
     *     because the index also holds words outside the library's vocabulary ({@code ct1})
     */
    public record Row(String path, Optional<Format> format, OptionalInt width, OptionalInt height,
                      OptionalInt channels, OptionalInt bitDepth, Expected expected, OptionalInt orientation,
                      Optional<String> color) {
        /** The file, checked to exist. */
        public Path file() {
            return fixture(path);
        }

        /** The file's bytes. */
        public byte[] bytes() {
            try {
                return Files.readAllBytes(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the index names this format for the file. */
        public boolean is(Format f) {
            return format.equals(Optional.of(f));
        }

        /** Whether the index knows the stored width and height. */
        public boolean hasSize() {
            return width.isPresent() && height.isPresent();
        }

        /** The stored width; fails if the index does not know it. */
        public int w() {
            return width.orElseThrow(() -> new IllegalStateException(path + ": index.tsv lists no width"));
        }

        /** The stored height; fails if the index does not know it. */
        public int h() {
            return height.orElseThrow(() -> new IllegalStateException(path + ": index.tsv lists no height"));
        }

        /** The EXIF orientation a decoder applies: the tag when it is 1..8, else 1 (no turn). */
        public int appliedOrientation() {
            int o = orientation.orElse(1);
            return o >= 1 && o <= 8 ? o : 1;
        }

        /** The path, so parameterised tests are named by their file. */
        @Override
        public String toString() {
            return path;
        }
    }

    /** Loaded on first use, so a fork that only needs {@link #ROOT} or one file does not parse the index. */
    private static final class Index {
        static final List<Row> ROWS = load();
    }

    private TestImages() {
    }

    /** Every row of the index, in file order. */
    public static List<Row> rows() {
        return Index.ROWS;
    }

    /** The rows that pass {@code filter}, in file order. */
    public static List<Row> rows(Predicate<Row> filter) {
        return rows().stream().filter(filter).toList();
    }

    /** The rows with this expected outcome, in file order. */
    public static List<Row> rows(Expected expected) {
        return rows(r -> r.expected() == expected);
    }

    /** The row of one file, e.g. {@code valid/pillow/hopper.jpg}; fails if the index has none. */
    public static Row row(String path) {
        return rows().stream().filter(r -> r.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index.tsv row for " + path));
    }

    /** The bytes of an indexed file, e.g. {@code valid/pillow/hopper.jpg}. */
    public static byte[] bytes(String path) {
        return row(path).bytes();
    }

    /**
     * A file or folder under {@link #ROOT}, e.g. {@code valid/pillow/hopper.jpg}; fails, naming
     * it, when it is not there.
     */
    public static Path fixture(String relative) {
        Path p = ROOT.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("test fixture missing: " + p.toAbsolutePath() + MISSING_ADVICE);
        }
        return p;
    }

    private static List<Row> load() {
        Path tsv = fixture("index.tsv");
        try {
            List<String> lines = Files.readAllLines(tsv);
            String[] head = lines.get(0).split("\t", -1);
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < head.length; i++) {
                col.put(head[i], i);
            }
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    rows.add(parse(line.split("\t", -1), col));
                }
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row parse(String[] f, Map<String, Integer> col) {
        String path = f[col.get("path")];
        String format = f[col.get("format")];
        return new Row(path, format.equals("unknown") ? Optional.empty() : Optional.of(format(format, path)),
                number(f[col.get("width")], path), number(f[col.get("height")], path),
                number(f[col.get("channels")], path), number(f[col.get("bit_depth")], path),
                Expected.parse(f[col.get("expected")]), number(f[col.get("exif_orientation")], path),
                Optional.of(f[col.get("color")]).filter(c -> !c.equals("-")));
    }

    private static Format format(String id, String path) {
        return Arrays.stream(Format.values()).filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException("index.tsv: " + path + " has unknown format " + id));
    }

    private static OptionalInt number(String cell, String path) {
        if (cell.equals("-")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(cell));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("index.tsv: " + path + " has \"" + cell + "\" where a number or - belongs", e);
        }
    }
}
