package dev.imbytes.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Deterministic mutants of real images: bit flips, byte overwrites, truncations, and duplication
 * or deletion of a span (a whole JPEG segment, PNG chunk or RIFF chunk where the file has one
 * there, otherwise random bytes). The same seed always gives the same files, so a failure can be
 * replayed from its name alone.
 *
 * <p>Also runnable on its own, for larger exploratory runs than the default suite makes:
 * {@code Mutants SRC_DIR OUT_DIR PER_FILE SEED} writes {@code PER_FILE} mutants of every image.
 */
public final class Mutants {
    private Mutants() {
    }

    /** The kinds of damage, one per mutant, chosen in turn so that every file gets each kind. */
    public enum Kind { FLIP, OVERWRITE, TRUNCATE, DUPLICATE, DELETE }

    /** Writes {@code perFile} mutants of each of {@code sources} into {@code out}; returns the files written. */
    public static List<Path> write(Path root, List<Path> sources, Path out, int perFile, long seed) throws IOException {
        Files.createDirectories(out);
        List<Path> written = new ArrayList<>();
        for (Path source : sources) {
            byte[] original = Files.readAllBytes(source);
            String base = root.relativize(source).toString().replace('/', '_');
            Random random = new Random(seed ^ base.hashCode());
            for (int i = 0; i < perFile; i++) {
                Kind kind = Kind.values()[i % Kind.values().length];
                byte[] mutant = mutate(original, kind, random);
                Path file = out.resolve(String.format("m%02d-%s-%s", i, kind.name().toLowerCase(), base));
                Files.write(file, mutant);
                written.add(file);
            }
        }
        return written;
    }

    /** One mutant of {@code b}; never the empty file (an empty input says nothing about the decoders). */
    public static byte[] mutate(byte[] b, Kind kind, Random random) {
        if (b.length < 2) {
            return new byte[] {b.length == 0 ? 0 : (byte) ~b[0], 0};
        }
        switch (kind) {
            case FLIP: {
                byte[] m = b.clone();
                int flips = 1 + random.nextInt(4);
                for (int i = 0; i < flips; i++) {
                    int at = random.nextInt(m.length);
                    m[at] ^= (byte) (1 << random.nextInt(8));
                }
                return m;
            }
            case OVERWRITE: {
                byte[] m = b.clone();
                int at = random.nextInt(m.length);
                int n = Math.min(m.length - at, 1 + random.nextInt(8));
                byte fill = new byte[] {0, (byte) 0xFF, (byte) random.nextInt(256)}[random.nextInt(3)];
                for (int i = 0; i < n; i++) {
                    m[at + i] = random.nextBoolean() ? fill : (byte) random.nextInt(256);
                }
                return m;
            }
            case TRUNCATE:
                return Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            default: {
                int[] span = span(b, random);
                int from = span[0];
                int to = span[1];
                if (kind == Kind.DELETE) {
                    byte[] m = new byte[b.length - (to - from)];
                    System.arraycopy(b, 0, m, 0, from);
                    System.arraycopy(b, to, m, from, b.length - to);
                    return m.length == 0 ? new byte[] {b[0]} : m;
                }
                byte[] m = new byte[b.length + (to - from)];
                System.arraycopy(b, 0, m, 0, to);
                System.arraycopy(b, from, m, to, b.length - from);
                return m;
            }
        }
    }

    /** A structural unit of the file (segment or chunk) when one can be picked, else a random span. */
    private static int[] span(byte[] b, Random random) {
        List<int[]> units = units(b);
        if (!units.isEmpty() && random.nextInt(4) != 0) {
            return units.get(random.nextInt(units.size()));
        }
        int from = random.nextInt(b.length - 1);
        int to = Math.min(b.length, from + 1 + random.nextInt(64));
        return new int[] {from, to};
    }

    /** JPEG segments before the first scan, PNG chunks, or RIFF chunks, as [from, to) spans. */
    static List<int[]> units(byte[] b) {
        List<int[]> units = new ArrayList<>();
        if (b.length > 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            int off = 2;
            while (off + 4 <= b.length && (b[off] & 0xFF) == 0xFF) {
                int marker = b[off + 1] & 0xFF;
                int end = off + 2 + ((b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF);
                if (end > b.length) {
                    break;
                }
                units.add(new int[] {off, end});
                if (marker == 0xDA) {
                    break;
                }
                off = end;
            }
        } else if (b.length > 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P') {
            long off = 8;
            while (off + 12 <= b.length) {
                long end = off + 12 + Integer.toUnsignedLong(be32(b, (int) off));
                if (end > b.length) {
                    break;
                }
                units.add(new int[] {(int) off, (int) end});
                off = end;
            }
        } else if (b.length > 12 && b[0] == 'R' && b[1] == 'I' && b[8] == 'W') {
            long off = 12;
            while (off + 8 <= b.length) {
                long size = Integer.toUnsignedLong(le32(b, (int) off + 4));
                long end = off + 8 + size + (size & 1);
                if (end > b.length) {
                    break;
                }
                units.add(new int[] {(int) off, (int) end});
                off = end;
            }
        }
        return units;
    }

    private static int be32(byte[] b, int o) {
        return (b[o] & 0xFF) << 24 | (b[o + 1] & 0xFF) << 16 | (b[o + 2] & 0xFF) << 8 | b[o + 3] & 0xFF;
    }

    private static int le32(byte[] b, int o) {
        return (b[o + 3] & 0xFF) << 24 | (b[o + 2] & 0xFF) << 16 | (b[o + 1] & 0xFF) << 8 | b[o] & 0xFF;
    }

    /** Writes mutants for an exploratory run: {@code SRC_DIR OUT_DIR PER_FILE SEED}. */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        List<Path> files = write(root, DecodeAllMain.imageFiles(root), Path.of(args[1]), Integer.parseInt(args[2]),
                Long.parseLong(args[3]));
        System.out.println(files.size() + " mutants in " + args[1]);
    }
}
