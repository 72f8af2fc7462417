package dev.imbytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The real test images in {@code native-test-images/} and what {@code index.tsv} says of each. */
public final class TestImages {
    public static final Path ROOT = Path.of("native-test-images");

    /** One row of index.tsv. */
    public record Row(String path, String format, String width, String height, String channels, String bitDepth,
                      String expected, String orientation, String color) {
        public Path file() {
            return ROOT.resolve(path);
        }

        public byte[] bytes() {
            try {
                return Files.readAllBytes(file());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public int w() {
            return Integer.parseInt(width);
        }

        public int h() {
            return Integer.parseInt(height);
        }

        public boolean hasSize() {
            return !width.equals("-") && !height.equals("-");
        }

        /** The EXIF orientation to apply: 1..8, else 1. */
        public int appliedOrientation() {
            if (orientation.equals("-")) {
                return 1;
            }
            int o = Integer.parseInt(orientation);
            return o >= 1 && o <= 8 ? o : 1;
        }

        @Override
        public String toString() {
            return path;
        }
    }

    private static final List<Row> ROWS = load();

    private TestImages() {
    }

    public static List<Row> rows() {
        return ROWS;
    }

    public static List<Row> rows(Predicate<Row> filter) {
        return ROWS.stream().filter(filter).toList();
    }

    public static Row row(String path) {
        return ROWS.stream().filter(r -> r.path.equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no index row " + path));
    }

    public static byte[] bytes(String path) {
        return row(path).bytes();
    }

    private static List<Row> load() {
        try {
            List<String> lines = Files.readAllLines(ROOT.resolve("index.tsv"));
            String[] head = lines.get(0).split("\t");
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < head.length; i++) {
                col.put(head[i], i);
            }
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                rows.add(new Row(f[col.get("path")], f[col.get("format")], f[col.get("width")], f[col.get("height")],
                        f[col.get("channels")], f[col.get("bit_depth")], f[col.get("expected")],
                        f[col.get("exif_orientation")], f[col.get("color")]));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
