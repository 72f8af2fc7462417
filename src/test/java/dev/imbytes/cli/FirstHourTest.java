package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first hour with the command line: failures named on stderr, outputs with the umask's
 * mode, messages in flag words, exit codes 2 for usage and 1 for data, {@code info DIR}, missing
 * paths, {@code bench}'s first line, and folder mode picking files by content.
 */
class FirstHourTest {
    private static final byte[] JPEG = TestImages.bytes("valid/pillow/hopper.jpg");
    private static final String HOPPER = TestImages.ROOT.resolve("valid/pillow/hopper.jpg").toString();
    /** Java API words that must never reach a command-line user. */
    private static final Pattern JAVA_API = Pattern.compile("Options|allowing\\(|with[A-Z]\\w*\\(|Format\\.[A-Z]");

    @Test
    void eachFailedFileIsNamedOnStderrWithoutJsonAndTheSummaryComesLast(@TempDir Path tmp) {
        CliRun run = CliRun.run("convert", TestImages.ROOT.toString(), "-o", tmp.resolve("out").toString(), "--fit",
                "64x64", "--to", "jpg", "--threads", "2");
        assertEquals(1, run.exit(), run.stderr());
        List<String> lines = run.stderr().lines().toList();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.matches("imbytes: \\d+ ok, (\\d+) failed, \\d+ skipped.*"), summary);
        int failed = Integer.parseInt(summary.replaceAll("imbytes: \\d+ ok, (\\d+) failed.*", "$1"));
        List<String> failures = lines.subList(0, lines.size() - 1);
        assertEquals(failed, failures.size(), "one line per failed file: " + run.stderr());
        for (String line : failures) {
            assertTrue(line.matches("imbytes: native-test-images/\\S+: \\w+Exception: .+"), line);
            assertFalse(JAVA_API.matcher(line).find(), "flag words, not Java API: " + line);
        }
        for (TestImages.Row row : TestImages.rows(r -> r.expected().equals("bomb"))) {
            assertTrue(run.stderr().contains(row.file() + ": ImageTooLargeException: "), row.path());
        }
        assertTrue(run.stderr().contains("crash-4fb027452e6988530aa5dabee76eecacb3b79f8a.j2k: UnsupportedFormatException: "
                + "JPEG2000 input is not allowed by default (allowed: jpg, png, webp, tif, bmp, gif); opt in with --allow jp2"),
                run.stderr());
        assertTrue(summary.contains("skipped (" + nonImageFiles() + " not an image)"), summary);
    }

    @Test
    void hintsNameFlagsAndNeverLeadToASecondRefusal(@TempDir Path tmp) {
        String jp2 = TestImages.ROOT.resolve("robustness/pillow/crash-4fb027452e6988530aa5dabee76eecacb3b79f8a.j2k").toString();
        CliRun refused = CliRun.run("convert", jp2, "-o", tmp.resolve("a.png").toString());
        assertEquals(1, refused.exit());
        assertTrue(refused.stderr().strip().endsWith("opt in with --allow jp2"), refused.stderr());
        CliRun allowed = CliRun.run("convert", jp2, "-o", tmp.resolve("a.png").toString(), "--allow", "jp2");
        assertFalse(allowed.stderr().contains("not allowed"), "the hint was enough: " + allowed.stderr());

        String gif = TestImages.ROOT.resolve("valid/pillow/hopper.gif").toString();
        for (String[] extra : new String[][] {{}, {"--allow", "all"}}) { // GIF is read by default (first frame)
            List<String> args = new ArrayList<>(List.of("convert", gif, "-o", tmp.resolve("g.png").toString(), "--overwrite"));
            args.addAll(List.of(extra));
            CliRun run = CliRun.run(args.toArray(new String[0]));
            assertEquals(0, run.exit(), run.stderr());
            assertTrue(tmp.resolve("g.png").toFile().length() > 0);
        }
        // a PFM input (OpenCV decodes it only through a temporary file): no --allow hint, and --allow pfm
        // is itself refused, since allowing it would not be enough
        Path pfm = tmp.resolve("x.pfm");
        writeBytes(pfm, "PF\n1 1\n-1.0\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), new byte[12]);
        CliRun pfmRun = CliRun.run("convert", pfm.toString(), "-o", tmp.resolve("p.png").toString());
        assertEquals(1, pfmRun.exit(), pfmRun.stderr());
        assertTrue(pfmRun.stderr().contains("the command line has no flag to allow it"), pfmRun.stderr());
        assertFalse(pfmRun.stderr().contains("--allow"), pfmRun.stderr());
        for (CliRun run : List.of(refused, allowed, pfmRun)) {
            assertFalse(JAVA_API.matcher(run.stderr()).find(), run.stderr());
        }
    }

    @Test
    void exitCodesUsageTwoDataOneEachWithOneLine(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in.jpg");
        Files.write(in, JPEG);
        Path folder = Files.createDirectories(tmp.resolve("folder"));
        Files.write(folder.resolve("a.jpg"), JPEG);
        Path corrupt = tmp.resolve("corrupt.png");
        Files.write(corrupt, TestImages.bytes("corrupt/pillow/truncated_image.png"));
        String out = tmp.resolve("o.png").toString();
        String missing = tmp.resolve("missing.jpg").toString();
        Object[][] table = {
            {2, new String[] {"convert", in.toString(), "-o", in.toString()}, "is the input file"},
            {2, new String[] {"convert", in.toString(), "-o", in.toString(), "--overwrite"}, "is the input file"},
            {2, new String[] {"convert", in.toString(), "--to", "jpg"}, "is the input file"},
            {2, new String[] {"convert", in.toString(), "--to", "gif"}, "--to gif: writing GIF is not supported (imbytes reads GIF only); use png"},
            {2, new String[] {"convert", in.toString(), "-o", tmp.resolve("x.gif").toString()}, "writing GIF is not supported"},
            {2, new String[] {"convert", in.toString(), "--to", "jp2"}, "no flag to allow it; choose another --to"},
            {2, new String[] {"convert", in.toString(), "--to", "pfm"}, "no flag to allow it"},
            {2, new String[] {"convert", in.toString(), "--to", "exr"}, "OPENCV_IO_ENABLE_OPENEXR=1"},
            {2, new String[] {"convert", folder.toString(), "-o", tmp.resolve("f").toString(), "--to", "gif"}, "--to gif"},
            {2, new String[] {"convert", "-", "--to", "jp2"}, "--to jp2"},
            {2, new String[] {"convert", missing, "-o", out}, "input not found: " + missing},
                        {2, new String[] {"convert", in.toString(), "-o", out, "--allow", "pfm"}, "--allow pfm: OpenCV"},
            {2, new String[] {"bench", folder.toString(), "--allow", "hdr"}, "--allow hdr: OpenCV"},
            {2, new String[] {"convert", in.toString(), "-o", tmp.resolve("noext").toString()}, "give --to FORMAT"},
            {2, new String[] {"convert", in.toString(), "--bogus"}, "Unknown option: '--bogus' (see 'imbytes convert --help')"},
            {2, new String[] {"convert", in.toString(), "-o", out, "--quality", "500"}, "--quality"},
            {2, new String[] {"convert", folder.toString(), "-o", in.toString(), "--to", "png"}, "is not a folder"},
            {2, new String[] {"info", missing}, "input not found: " + missing},
            {2, new String[] {"info", in.toString(), missing, missing + "2"}, "input not found: " + missing + ", "},
            {2, new String[] {"bench", missing}, "input folder not found: " + missing},
            {2, new String[] {"bench", in.toString()}, "INPUT_DIR must be a folder"},
            {2, new String[] {"bench", folder.toString(), "--opencv-threads", "x"}, "--opencv-threads must be auto or"},
            {2, new String[] {"bench", folder.toString(), "--seconds", "0"}, "--seconds must be more than 0"},
            {2, new String[] {"bench", folder.toString(), "--warmup", "-1"}, "--warmup must be at least 0"},
            {2, new String[] {}, "missing command"},
            {1, new String[] {"convert", corrupt.toString(), "-o", out}, "CorruptImageException: "},
            {1, new String[] {"convert", in.toString(), "-o", "/proc/no-such-folder/o.png"}, "no such file or folder: "},
            {1, new String[] {"info", TestImages.ROOT.resolve("corrupt/pillow/broken.png").toString()}, "CorruptImage"},
            {0, new String[] {"convert", in.toString(), "-o", out}, null},
        };
        for (Object[] row : table) {
            String[] args = (String[]) row[1];
            CliRun run = CliRun.run(args);
            String what = String.join(" ", args) + " → " + run.exit() + ": " + run.stderr();
            assertEquals(row[0], run.exit(), what);
            if (row[2] == null) {
                assertEquals("", run.stderr(), what);
                continue;
            }
            assertEquals(1, run.stderr().lines().count(), "one line: " + what);
            assertTrue(run.stderr().startsWith("imbytes: ") && run.stderr().contains((String) row[2]), what);
            assertFalse(run.stderr().contains("\tat ") || JAVA_API.matcher(run.stderr()).find(), what);
        }
    }

    @Test
    void infoOfAFolderRecursesAndPicksFilesByContent(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("photos/deeper"));
        Files.write(dir.resolve("a.jpg"), JPEG);
        Files.write(dir.resolve("photo-without-extension"), JPEG);
        Files.writeString(dir.resolve("notes.txt"), "not an image\n");
        CliRun json = CliRun.run("info", "--json", tmp.resolve("photos").toString());
        assertEquals(0, json.exit(), json.stderr());
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode r : ConvertCommandTest.lines(json)) {
            byName.put(Path.of(r.get("path").asText()).getFileName().toString(), r);
        }
        assertEquals(3, byName.size(), json.out());
        assertEquals("jpeg", byName.get("a.jpg").get("format").asText());
        assertEquals(128, byName.get("photo-without-extension").get("width").asInt());
        assertEquals("not an image", byName.get("notes.txt").get("skipped").asText());
        CliRun table = CliRun.run("info", tmp.resolve("photos").toString());
        assertEquals(0, table.exit(), table.stderr());
        assertEquals(3, table.out().lines().count(), "a header and the two images: " + table.out());
        assertEquals("", table.stderr());
    }

    @Test
    void benchPrintsAReadableFirstLine(@TempDir Path tmp) throws Exception {
        Files.write(tmp.resolve("a.jpg"), JPEG);
        CliRun run = CliRun.run("bench", tmp.toString(), "--fit", "32x32", "--to", "png", "--png-level", "1",
                "--seconds", "0.2", "--warmup", "0", "--threads", "1");
        assertEquals(0, run.exit(), run.stderr());
        String first = run.out().lines().findFirst().orElse("");
        // the conversion flags as given, in the order of bench --help
        assertEquals("bench: 1 image, --to png --fit 32x32 --png-level 1; 1 thread; ", first.substring(0,
                first.indexOf("; 1 thread; ") + 12), first);
        assertTrue(first.matches(".*; \\d+\\.\\d s after 0\\.0 s warm-up"), first);
        assertFalse(first.contains("[") || first.contains("Options"), "no Java record dump: " + first);
    }

    @Test
    void folderModeSelectsByContentAndRecordsEveryFile(@TempDir Path tmp) throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.write(in.resolve("burst.mpo"), JPEG);
        Files.write(in.resolve("scan.jfif"), JPEG);
        Files.write(in.resolve("IMG_0001"), JPEG); // no extension at all
        Files.write(in.resolve("IMG_0001.png"), TestImages.bytes("valid/pngsuite/basn2c08.png")); // meets IMG_0001.jpg
        Files.writeString(in.resolve("README"), "a folder of photos\n");
        Files.write(in.resolve("fake.jpg"), "not a jpeg".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Files.write(in.resolve("empty"), new byte[0]);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.run("convert", in.toString(), "-o", out.toString(), "--to", "jpg", "--json");
        assertEquals(1, run.exit(), "fake.jpg fails: " + run.stderr());
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode r : ConvertCommandTest.lines(run)) {
            byName.put(Path.of(r.get("input").asText()).getFileName().toString(), r);
        }
        assertEquals(7, byName.size(), "a record for every regular file: " + run.out());
        for (String image : List.of("burst.mpo", "scan.jfif", "IMG_0001", "IMG_0001.png")) {
            assertEquals("ok", byName.get(image).get("status").asText(), image + ": " + byName.get(image));
        }
        for (String other : List.of("README", "empty")) {
            assertEquals("skipped", byName.get(other).get("status").asText(), other);
            assertEquals("not an image", byName.get(other).get("reason").asText(), other);
        }
        assertEquals("error", byName.get("fake.jpg").get("status").asText(), "named as an image: a failure, not a skip");
        assertTrue(run.stderr().contains("fake.jpg: UnsupportedFormatException"), run.stderr());
        assertTrue(run.stderr().contains("4 ok, 1 failed, 2 skipped (2 not an image)"), run.stderr());
        // output names: byte-exact, extension-less names get the format's extension, collisions kept apart
        try (var files = Files.list(out)) {
            assertEquals(List.of("IMG_0001.jpg", "IMG_0001.png.jpg", "burst.jpg", "scan.jfif"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(Format.JPEG, Imbytes.info(Files.readAllBytes(out.resolve("IMG_0001.jpg"))).format());
        assertEquals(32, Imbytes.info(Files.readAllBytes(out.resolve("IMG_0001.png.jpg"))).width());
    }

    @Test
    void outputsHaveTheUmasksMode(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        Files.write(in.resolve("a.jpg"), JPEG);
        for (String[] umaskAndMode : new String[][] {{"022", "rw-r--r--"}, {"002", "rw-rw-r--"}, {"077", "rw-------"}}) {
            Path single = tmp.resolve("single-" + umaskAndMode[0] + ".png");
            Path folder = tmp.resolve("folder-" + umaskAndMode[0]);
            String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (List<String> args : List.of(List.of("convert", in.resolve("a.jpg").toString(), "-o", single.toString()),
                    List.of("convert", in.toString(), "-o", folder.toString(), "--to", "png"))) {
                List<String> command = new ArrayList<>(List.of("sh", "-c", "umask " + umaskAndMode[0] + "; exec \"$@\"", "sh",
                        javaBin, "-cp", cp, Main.class.getName()));
                command.addAll(args);
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished");
                assertEquals(0, p.exitValue(), output);
            }
            assertEquals(umaskAndMode[1], PosixFilePermissions.toString(Files.getPosixFilePermissions(single)),
                    "umask " + umaskAndMode[0] + ", single file");
            assertEquals(umaskAndMode[1], PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    folder.resolve("a.png"))), "umask " + umaskAndMode[0] + ", folder mode");
        }
    }

    /** The files in native-test-images that index.tsv does not list (licences, the index itself). */
    static long nonImageFiles() {
        try (var walk = Files.walk(TestImages.ROOT)) {
            return walk.filter(Files::isRegularFile).count() - TestImages.rows().size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void writeBytes(Path p, byte[] head, byte[] tail) {
        try {
            byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            Files.write(p, all);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
