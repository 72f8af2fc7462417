package dev.imbytes.cli;

import dev.imbytes.cli.files.AtomicFiles;
import dev.imbytes.cli.files.FileNames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imbytes.ImageInfo;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A careless user's and an attacker's batch, run as a user runs it (a child JVM with real standard
 * streams): colliding names, names differing only in case, UTF-8 and invalid-UTF-8 names, user files
 * named like temporaries, output folder = / inside / a parent of the input folder, a C locale, a full
 * disk on stdout, and endless devices and streams as input. Every case checks its records, its exit
 * code and the files on disk afterwards (user files byte for byte).
 */
class HostileBatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] JPEG_128 = TestImages.bytes("valid/pillow/hopper.jpg"); // 128×128
    private static final byte[] PNG_32 = TestImages.bytes("valid/pngsuite/basn2c08.png"); // 32×32
    private static final byte[] USER = "a user's own file\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** A peak far below what reading a whole endless input costs, and above a JVM that only starts up. */
    private static final long SMALL_PEAK_KB = 200 * 1024;

    // ------------------------------------------------------------ the hostile folder

    /**
     * in/a.jpg, in/a.png, in/a.png.jpg (three names that meet at a.jpg / a.png.jpg), case/Photo.jpg and
     * case/photo.jpg, odd/é.png in UTF-8, odd/x\xff.png and odd/x\xfe.png (invalid UTF-8), and a user
     * file named like an old-style temporary. Returns the user files and their bytes.
     */
    private static Map<Path, byte[]> hostileFolder(Path in) throws Exception {
        Files.createDirectories(in.resolve("case"));
        Files.createDirectories(in.resolve("odd"));
        Map<Path, byte[]> files = new TreeMap<>();
        files.put(in.resolve("a.jpg"), JPEG_128);
        files.put(in.resolve("a.png"), PNG_32);
        files.put(in.resolve("a.png.jpg"), JPEG_128);
        files.put(in.resolve("case/Photo.jpg"), JPEG_128);
        files.put(in.resolve("case/photo.jpg"), PNG_32);
        files.put(FileNames.child(in.resolve("odd"), "%C3%A9.png"), PNG_32);
        files.put(FileNames.child(in.resolve("odd"), "x%FF.png"), PNG_32);
        files.put(FileNames.child(in.resolve("odd"), "x%FE.png"), JPEG_128);
        files.put(in.resolve(".a.jpg.imbytes-partial-123.tmp"), USER);
        return writeAll(files);
    }

    private static Map<Path, byte[]> writeAll(Map<Path, byte[]> files) throws IOException {
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            Files.write(e.getKey(), e.getValue());
        }
        return files;
    }

    /**
     * Asserts {@code count} image records: an error for the input {@code refusedSuffix} names, the
     * others ok; the user's non-image files each have a "not an image" skipped record besides.
     */
    private static void assertRecords(ForkedCli.Run run, int count, String refusedSuffix, String because)
            throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode r : records(run.stdout())) {
            if (r.get("status").asText().equals("skipped")) {
                assertEquals("not an image", r.get("reason").asText(), r.toString());
                assertTrue(r.get("input").asText().contains(".imbytes-partial-"), "a user file: " + r);
            } else {
                records.add(r);
            }
        }
        assertEquals(count, records.size(), run.stdout());
        for (JsonNode r : records) {
            boolean refused = r.get("input").asText().endsWith(refusedSuffix);
            assertEquals(refused ? "error" : "ok", r.get("status").asText(), r.toString());
            if (refused) {
                assertTrue(r.get("error").get("message").asText().contains(because), r.toString());
            }
        }
    }

    /** The files below {@code root} by their raw (percent-encoded) relative names. */
    private static Map<String, byte[]> tree(Path root) throws Exception {
        Map<String, byte[]> found = new TreeMap<>();
        String base = root.toAbsolutePath().toUri().getRawPath();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                found.put(p.toAbsolutePath().toUri().getRawPath().substring(base.length()), Files.readAllBytes(p));
            }
        }
        return found;
    }

    private static void assertUnchanged(Map<Path, byte[]> userFiles) throws Exception {
        for (Map.Entry<Path, byte[]> e : userFiles.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "user file changed: " + e.getKey());
        }
    }

    private static List<JsonNode> records(String stdout) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    private static int[] size(byte[] image) {
        ImageInfo i = Imbytes.info(image);
        return new int[] {i.width(), i.height()};
    }

    private void hostileFolderBatch(Path tmp, ForkedCli cli) throws Exception {
        Path in = tmp.resolve("in");
        Map<Path, byte[]> userFiles = hostileFolder(in);
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Path sealedLeftover = new AtomicFiles().createTemporary(out); // what a killed run leaves
        Path wrongSeal = out.resolve(".imbytes-partial-0123456789abcdef-0123456789abcdef.tmp");
        Files.write(wrongSeal, USER);
        userFiles.put(wrongSeal, USER);

        ForkedCli.Run run = cli.run("convert", in.toString(), "-o", out.toString(), "--to", "jpg", "--overwrite",
                "--json", "--threads", "2");

        assertEquals(1, run.exit(), run.stderr());
        List<JsonNode> records = records(run.stdout());
        assertEquals(9, records.size(), "one record per file, the user's non-image too: " + run.stdout());
        List<String> refused = new ArrayList<>();
        for (JsonNode r : records) {
            if (r.get("input").asText().endsWith(".a.jpg.imbytes-partial-123.tmp")) {
                assertEquals("skipped", r.get("status").asText(), r.toString());
                assertEquals("not an image", r.get("reason").asText(), r.toString());
            } else if (r.get("status").asText().equals("error")) {
                assertEquals("OutputConflictException", r.get("error").get("type").asText(), r.toString());
                refused.add(r.get("input").asText());
            } else {
                assertEquals("ok", r.get("status").asText(), r.toString());
            }
        }
        refused.sort(null);
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(0).endsWith("/a.png"), refused.toString()); // a.png.jpg is already called so
        assertTrue(refused.get(1).endsWith("/case/photo.jpg"), refused.toString()); // Photo.jpg sorts first
        assertTrue(run.stderr().contains("6 ok, 2 failed, 1 skipped (1 not an image)"), run.stderr());

        Map<String, byte[]> result = tree(out);
        assertEquals(List.of(".imbytes-partial-0123456789abcdef-0123456789abcdef.tmp", "a.jpg", "a.png.jpg",
                "case/Photo.jpg", "odd/%C3%A9.jpg", "odd/x%FE.jpg", "odd/x%FF.jpg"), List.copyOf(result.keySet()),
                "outputs byte-exact, none merged; the sealed leftover removed, the look-alike kept");
        assertArrayEquals(new int[] {128, 128}, size(result.get("a.png.jpg")), "a.png.jpg's own output");
        assertArrayEquals(new int[] {32, 32}, size(result.get("odd/x%FF.jpg")), "x\\xff.png's output");
        assertArrayEquals(new int[] {128, 128}, size(result.get("odd/x%FE.jpg")), "x\\xfe.png's output");
        assertFalse(Files.exists(sealedLeftover));
        assertUnchanged(userFiles);
    }

    @Test
    void collisionsCaseAndOddNamesInAUtf8OrInheritedLocale(@TempDir Path tmp) throws Exception {
        hostileFolderBatch(tmp, new ForkedCli());
    }

    @Test
    void collisionsCaseAndOddNamesInAPosixLocale(@TempDir Path tmp) throws Exception {
        hostileFolderBatch(tmp, new ForkedCli().posixLocale());
    }

    @Test
    void aCommandLineNameThePosixLocaleCannotDecodeIsOneUsageLine(@TempDir Path tmp) throws Exception {
        Path e = FileNames.child(tmp, "%C3%A9.png"); // é.png
        Files.write(e, PNG_32);
        ForkedCli.Run run = new ForkedCli().posixLocale().run("convert", e.toString(), "--to", "jpg");
        assertEquals(2, run.exit(), run.stderr());
        assertEquals(1, run.stderr().lines().count(), "one line, no stack trace: " + run.stderr());
        if ("UTF-8".equals(System.getProperty("sun.jnu.encoding"))) { // else the name never reached the child intact
            assertTrue(run.stderr().contains("cannot be decoded in this locale"), run.stderr());
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(1, files.count(), "nothing written");
        }
    }

    // ------------------------------------------------------------ where the output folder is

    @Test
    void outputFolderIsTheInputFolder(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Map<Path, byte[]> userFiles = writeAll(new TreeMap<>(Map.of(in.resolve("a.jpg"), JPEG_128, in.resolve("b.png"),
                PNG_32, in.resolve("notes.imbytes-partial-1.txt"), USER, in.resolve(".b.png.imbytes-partial-2.tmp"), USER)));
        overlappingBatch(in, in, userFiles, "/b.png", in,
                List.of(".b.png.imbytes-partial-2.tmp", "a.jpg", "a.png", "b.png", "notes.imbytes-partial-1.txt"));
    }

    @Test
    void outputFolderInsideTheInputFolderIsNeverAnInput(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("photos");
        Files.createDirectories(in);
        Files.write(in.resolve("a.jpg"), JPEG_128);
        Files.write(in.resolve("b.png"), PNG_32);
        Path thumbs = in.resolve("thumbs");
        for (int round = 1; round <= 2; round++) {
            ForkedCli.Run run = new ForkedCli().run("convert", in.toString(), "-o", thumbs.toString(), "--to", "png",
                    "--json");
            assertEquals(0, run.exit(), run.stderr());
            List<JsonNode> records = records(run.stdout());
            assertEquals(2, records.size(), "round " + round + ": the thumbnails are not inputs: " + run.stdout());
            for (JsonNode r : records) {
                assertEquals(round == 1 ? "ok" : "skipped", r.get("status").asText(), r.toString());
            }
        }
        assertEquals(List.of("a.jpg", "b.png", "thumbs/a.png", "thumbs/b.png"), List.copyOf(tree(in).keySet()));
    }

    @Test
    void outputFolderIsAParentOfTheInputFolder(@TempDir Path tmp) throws Exception {
        Path parent = tmp.resolve("p");
        Path in = parent.resolve("in");
        Files.createDirectories(in.resolve("in"));
        Map<Path, byte[]> userFiles = writeAll(new TreeMap<>(Map.of(in.resolve("x.png"), PNG_32, in.resolve("in/x.png"),
                JPEG_128, parent.resolve(".x.imbytes-partial-1.tmp"), USER, in.resolve("y.imbytes-partial-3.tmp"), USER)));
        // in/in/x.png mirrors onto p/in/x.png, which is an input
        overlappingBatch(in, parent, userFiles, "in/in/x.png", parent,
                List.of(".x.imbytes-partial-1.tmp", "in/in/x.png", "in/x.png", "in/y.imbytes-partial-3.tmp", "x.png"));
    }

    /**
     * Converts {@code in} into {@code out} (which overlaps it) with --overwrite and checks: exit 1, the
     * input {@code refusedSuffix} refused as one whose output would replace an input, the other one
     * ok, exactly {@code expectedTree} below {@code root}, and the user files untouched.
     */
    private static void overlappingBatch(Path in, Path out, Map<Path, byte[]> userFiles, String refusedSuffix, Path root,
                                         List<String> expectedTree) throws Exception {
        ForkedCli.Run run = new ForkedCli().run("convert", in.toString(), "-o", out.toString(), "--to", "png",
                "--overwrite", "--json");
        assertEquals(1, run.exit(), run.stderr());
        assertRecords(run, 2, refusedSuffix, "would replace an input");
        assertEquals(expectedTree, List.copyOf(tree(root).keySet()));
        assertUnchanged(userFiles);
    }

    // ------------------------------------------------------------ writes that fail

    @Test
    void aFullDiskOnStdoutIsAFailure(@TempDir Path tmp) throws Exception {
        Path png = tmp.resolve("x.png");
        Files.write(png, PNG_32);
        ForkedCli.Run image = new ForkedCli().stdoutTo(new File("/dev/full")).run("convert", png.toString(), "-o", "-",
                "--to", "png");
        assertEquals(1, image.exit(), image.stderr());
        assertTrue(image.stderr().contains("cannot write to standard output"), image.stderr());

        Path out = tmp.resolve("out");
        ForkedCli.Run json = new ForkedCli().stdoutTo(new File("/dev/full")).run("convert", tmp.toString(), "-o",
                out.toString(), "--to", "jpg", "--json");
        assertEquals(1, json.exit(), "the records were lost: " + json.stderr());
        assertTrue(json.stderr().contains("cannot write to standard output"), json.stderr());
        assertTrue(json.stderr().contains("1 ok, 0 failed"), "the image itself was written: " + json.stderr());
        assertTrue(Files.exists(out.resolve("x.jpg")));

        ForkedCli.Run info = new ForkedCli().stdoutTo(new File("/dev/full")).run("info", "--json", png.toString());
        assertEquals(1, info.exit(), info.stderr());
        assertTrue(info.stderr().contains("cannot write to standard output"), info.stderr());
    }

    // ------------------------------------------------------------ endless inputs

    @Test
    void devZeroIsRefusedAtOnceInLittleMemory(@TempDir Path tmp) throws Exception {
        Path z = tmp.resolve("z.png");
        ForkedCli.Run run = new ForkedCli().run("convert", "/dev/zero", "-o", z.toString(), "--json");
        assertEquals(1, run.exit(), run.stderr());
        JsonNode r = records(run.stdout()).get(0);
        report("/dev/zero as a file", run, r);
        assertEquals("UnsupportedFormatException", r.get("error").get("type").asText(), r.toString());
        assertTrue(r.get("millis").asLong() < 500, "refused in " + r.get("millis") + " ms");
        assertTrue(run.peakKb() > 0 && run.peakKb() < SMALL_PEAK_KB, "peak " + run.peakKb() + " kB");
        assertFalse(Files.exists(z));
    }

    @Test
    void endlessZerosOnStdinAreRefusedAtOnce() throws Exception {
        ForkedCli.Run run = new ForkedCli().stdinFrom(new File("/dev/zero")).run("convert", "-", "--to", "png", "--json");
        assertEquals(1, run.exit(), run.stderr());
        JsonNode r = records(run.stdout()).get(0);
        report("/dev/zero on stdin", run, r);
        assertEquals("UnsupportedFormatException", r.get("error").get("type").asText(), r.toString());
        assertTrue(r.get("millis").asLong() < 500, "refused in " + r.get("millis") + " ms");
        assertTrue(run.peakKb() > 0 && run.peakKb() < SMALL_PEAK_KB, "peak " + run.peakKb() + " kB");
    }

    @Test
    void aGigabyteStreamBehindAPngSignatureIsCutAtTheLimit() throws Exception {
        long gigabyte = 1L << 30;
        InputStream pngThenZeros = new SequenceInputStream(new ByteArrayInputStream(java.util.Arrays.copyOf(PNG_32, 8)),
                new ZeroStream(gigabyte - 8));
        long limit = 8_000_000;
        ForkedCli.Run run = new ForkedCli().stdinFeed(pngThenZeros).run("convert", "-", "--to", "png", "--json",
                "--max-bytes", Long.toString(limit));
        assertEquals(1, run.exit(), run.stderr());
        JsonNode r = records(run.stdout()).get(0);
        report("1 GB stream behind a PNG signature, --max-bytes 8000000", run, r);
        assertEquals("ImageTooLargeException", r.get("error").get("type").asText(), r.toString());
        assertTrue(run.stdinBytesTaken() < limit + 8 * 1024 * 1024,
                "the child stopped reading near the limit, after " + run.stdinBytesTaken() + " bytes");
        assertTrue(run.peakKb() > 0 && run.peakKb() < SMALL_PEAK_KB, "peak " + run.peakKb() + " kB");
    }

    /** Prints what a child run measured, for the record of the run (surefire keeps it). */
    private static void report(String what, ForkedCli.Run run, JsonNode record) {
        System.out.printf("HostileBatchTest %s: exit %d, %s ms in the record, peak RSS %d kB, stdin taken %d bytes%n",
                what, run.exit(), record.get("millis"), run.peakKb(), run.stdinBytesTaken());
    }

    /** {@code n} zero bytes, without holding them. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long n) {
            this.left = n;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
