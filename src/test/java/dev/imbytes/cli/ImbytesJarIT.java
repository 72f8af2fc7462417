package dev.imbytes.cli;

import dev.imbytes.cli.files.AtomicFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a newcomer runs it: {@code java -jar target/imbytes.jar ...}. */
class ImbytesJarIT {
    private static final Path JAR = Path.of("target/imbytes.jar");

    record Result(int exit, byte[] out, String err) {
    }

    static Result java(byte[] stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), out, err);
    }

    /**
     * The jar names its JPEG codec and binding in {@code --version} and in {@code bench}: the
     * system's libturbojpeg via JNA on Java 17 (JNA is shaded in), via FFM on Java 25, OpenCV's when
     * forced off; {@code bench --encode-only} and {@code --decode-only} run from the jar.
     */
    @Test
    void versionAndBenchNameTheCodecAndItsBinding(@TempDir Path tmp) throws Exception {
        dev.imbytes.hostile.Java22.assumeOrFailOnCi(dev.imbytes.hostile.Java22.libTurboJpeg().isPresent()
                ? java.util.Optional.empty() : java.util.Optional.of("libturbojpeg.so.0 not installed"), "ImbytesJarIT");
        String jna = "JPEG codec: libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA";
        Result v17 = java(new byte[0], "--version");
        assertTrue(new String(v17.out(), StandardCharsets.UTF_8).contains(jna + "\n"), new String(v17.out()) + v17.err());
        assertEquals("", v17.err());
        Result off = java(List.of("-Dimbytes.turbojpeg.binding=none"), "--version");
        assertTrue(new String(off.out(), StandardCharsets.UTF_8).contains("JPEG codec: OpenCV bundled libjpeg-turbo (no SIMD)\n"),
                new String(off.out()));
        Path java25 = dev.imbytes.hostile.Java22.launcher();
        if (Files.isExecutable(java25)) {
            Process p = new ProcessBuilder(java25.toString(), "-jar", JAR.toString(), "--version").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertTrue(out.contains("JPEG codec: libjpeg-turbo (system libturbojpeg.so.0, SIMD) via FFM\n"), out + err);
            assertEquals("", err, "the manifest enables native access: no warning");
        }
        Files.copy(TestImages.fixture("valid/pillow/hopper.jpg"), tmp.resolve("a.jpg"));
        Result bench = java(new byte[0], "bench", tmp.toString(), "--exact", "64x64", "--to", "jpg", "--encode-only",
                "--seconds", "0.3", "--warmup", "0", "--threads", "1", "--json");
        assertEquals(0, bench.exit(), bench.err());
        JsonNode j = new ObjectMapper().readTree(bench.out());
        assertEquals("libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA", j.get("jpegCodec").asText());
        assertTrue(j.get("imagesPerSec").asDouble() > 0, j.toString());
        // --decode-only from the jar: the decoder alone, its MP/s counting the 128x128 input's pixels
        Result decode = java(new byte[0], "bench", tmp.toString(), "--fit", "64x64", "--to", "jpg", "--decode-only",
                "--seconds", "0.3", "--warmup", "0", "--threads", "1", "--json");
        assertEquals(0, decode.exit(), decode.err());
        JsonNode d = new ObjectMapper().readTree(decode.out());
        assertEquals("libjpeg-turbo (system libturbojpeg.so.0, SIMD) via JNA", d.get("jpegCodec").asText());
        assertEquals(d.get("imagesPerSec").asDouble() * 128 * 128 / 1e6, d.get("mpPerSec").asDouble(),
                d.get("mpPerSec").asDouble() * 0.02 + 0.01, d.toString());
    }

    static Result java(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        var out = p.getInputStream().readAllBytes();
        var err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void theMainJobOnTheTestImages(@TempDir Path tmp) throws Exception {
        Result r = java(new byte[0], "convert", TestImages.ROOT.toString(), "-o", tmp.resolve("out").toString(),
                "--fit", "500x500", "--to", "jpg", "--json");
        assertEquals(1, r.exit(), "corrupt files in the folder: " + r.err());
        ObjectMapper json = new ObjectMapper();
        int ok = 0;
        int lines = 0;
        for (String line : new String(r.out(), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            lines++;
            if (n.get("status").asText().equals("ok")) {
                ok++;
                assertTrue(n.get("outWidth").asInt() <= 500 && n.get("outHeight").asInt() <= 500);
            }
        }
        // every regular file has a record: the images, and the licences and index skipped as "not an image"
        assertEquals(TestImages.rows().size() + FirstHourTest.nonImageFiles(), lines);
        long decodable = TestImages.rows(x -> x.expected() == TestImages.Expected.DECODES).size();
        assertTrue(ok >= decodable, ok + " ok of " + decodable + " decodable");
        assertTrue(r.err().contains(ok + " ok"), r.err());
    }

    /**
     * The README's main job exactly as written (no {@code --json}): stderr names each failed file with
     * its reason, one line each, in flag words, and ends with the summary; outputs have mode 0644
     * under umask 022 (the umask of this run is whatever the test runner has, so only the count is
     * checked here; {@code FirstHourTest} sets one).
     */
    @Test
    void theMainJobNamesEveryFailureOnStderr(@TempDir Path tmp) throws Exception {
        Result r = java(new byte[0], "convert", TestImages.ROOT.toString(), "-o", tmp.resolve("out").toString(),
                "--fit", "500x500", "--to", "jpg");
        assertEquals(1, r.exit(), r.err());
        assertEquals(0, r.out().length, "nothing on stdout without --json");
        List<String> lines = r.err().lines().toList();
        String summary = lines.get(lines.size() - 1);
        int failed = Integer.parseInt(summary.replaceAll("^imbytes: \\d+ ok, (\\d+) failed, .*$", "$1"));
        assertEquals(failed, lines.size() - 1, "one line per failed file, then the summary: " + r.err());
        assertTrue(summary.contains(FirstHourTest.nonImageFiles() + " skipped (" + FirstHourTest.nonImageFiles()
                + " not an image)"), summary);
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertTrue(line.matches("imbytes: native-test-images/\\S+: \\w+Exception: .+"), line);
            assertTrue(!line.contains("Options") && !line.contains("Format."), "flag words only: " + line);
        }
        for (String named : List.of(
                "bombs/pillow/decompression_bomb.gif: ImageTooLargeException", "bombs/thumbor/16384x16384.png: ImageTooLarge",
                ".j2k: UnsupportedFormatException: JPEG2000 input is not allowed by default")) {
            assertTrue(r.err().contains(named), named + " in " + r.err());
        }
    }

    @Test
    void keepMetadataThroughThePipe() throws Exception {
        dev.imbytes.Exiftool.require();
        byte[] source = TestImages.bytes("valid/exifr/tif-with-iptc-icc-xmp.tif");
        Result r = java(source, "convert", "-", "--to", "jpg", "--keep-metadata");
        assertEquals(0, r.exit(), r.err());
        java.util.Map<String, String> tags = dev.imbytes.Exiftool.tags(r.out());
        assertEquals("Canon", tags.get("IFD0:Make"));
        assertEquals("1", tags.get("IFD0:Orientation"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(dev.imbytes.Exiftool.binary(source, "ICC_Profile"),
                dev.imbytes.Exiftool.binary(r.out(), "ICC_Profile"));
        Result stripped = java(source, "convert", "-", "--to", "jpg");
        assertTrue(dev.imbytes.Exiftool.tags(stripped.out()).keySet().stream().noneMatch(k -> k.startsWith("IFD0:")
                || k.startsWith("ICC") || k.startsWith("XMP")), "the default strips");
    }

    @Test
    void stdinToStdoutAndVersion() throws Exception {
        Result r = java(TestImages.bytes("valid/pillow/hopper.jpg"), "convert", "-", "--to", "webp", "--width", "64");
        assertEquals(0, r.exit(), r.err());
        assertEquals(Format.WEBP, Imbytes.info(r.out()).format());
        assertEquals(64, Imbytes.info(r.out()).width());
        Result v = java(new byte[0], "--version");
        assertEquals(0, v.exit());
        assertTrue(new String(v.out(), StandardCharsets.UTF_8).contains("imbytes"));
        Result bad = java(new byte[0], "convert", "--fit", "0x5", "x.jpg");
        assertEquals(2, bad.exit());
    }

    /** The jar converts an ICC-tagged image to sRGB by default, and --no-colour-convert keeps its samples. */
    @Test
    void colourManagementInTheJar() throws Exception {
        byte[] p3 = java.nio.file.Files.readAllBytes(Path.of("src/test/resources/dev/imbytes/colour/landscape-p3.jpg"));
        dev.imbytes.Conversion png = dev.imbytes.Conversion.to(dev.imbytes.PngOptions.defaults())
                .withFit(dev.imbytes.Fit.within(256, 256));
        for (boolean keep : new boolean[] {false, true}) {
            Result r = keep ? java(p3, "convert", "-", "--to", "png", "--fit", "256x256", "--no-colour-convert")
                    : java(p3, "convert", "-", "--to", "png", "--fit", "256x256");
            assertEquals(0, r.exit(), r.err());
            assertEquals("", r.err());
            dev.imbytes.Conversion expected = png.withDecodeOptions(png.decodeOptions().withConvertToSrgb(!keep));
            org.junit.jupiter.api.Assertions.assertArrayEquals(Imbytes.convert(p3, expected), r.out(), "keep " + keep);
        }
    }

    /** {@code -Dimbytes.maxIccBytes} sets the process-wide profile limit: a larger profile is left unapplied. */
    @Test
    void theIccLimitSystemProperty(@TempDir Path tmp) throws Exception {
        Path p3 = Path.of("src/test/resources/dev/imbytes/colour/landscape-p3.jpg"); // a 548-byte profile
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dimbytes.maxIccBytes=500", "-jar", JAR.toString(), "convert", p3.toString(), "-o",
                tmp.resolve("out.png").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), output);
        dev.imbytes.Conversion png = dev.imbytes.Conversion.to(dev.imbytes.PngOptions.defaults());
        org.junit.jupiter.api.Assertions.assertArrayEquals(
                Imbytes.convert(java.nio.file.Files.readAllBytes(p3), png.withDecodeOptions(png.decodeOptions().withConvertToSrgb(false))),
                java.nio.file.Files.readAllBytes(tmp.resolve("out.png")));
    }

    @Test
    void anInterruptedBatchStopsPromptlyWithASummaryAndNoPartialFiles(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        byte[] photo = TestImages.bytes("orientation/exif-orientation-examples/Landscape_1.jpg");
        for (int i = 0; i < 12; i++) {
            Files.write(in.resolve("photo" + i + ".jpg"), photo);
        }
        Path out = tmp.resolve("out");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "convert", in.toString(), "-o", out.toString(), "--to", "png", "--png-level", "9",
                "--threads", "1", "--json");
        Process p = new ProcessBuilder(command).redirectOutput(tmp.resolve("stdout.jsonl").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.size(tmp.resolve("stdout.jsonl")) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50); // wait until the first file is done, so the batch is mid-way
        }
        long stopAt = System.nanoTime();
        p.destroy(); // SIGTERM, as kill does; Ctrl-C's SIGINT takes the same shutdown path
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped promptly");
        double seconds = (System.nanoTime() - stopAt) / 1e9;
        assertTrue(seconds < 10, "stopped in " + seconds + " s");
        String err = Files.readString(tmp.resolve("stderr.txt"));
        assertTrue(err.contains("interrupted after"), err);
        try (var files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertTrue(!AtomicFiles.isTemporary(f), "no temporary left: " + f);
                assertEquals(Format.PNG, Imbytes.info(Files.readAllBytes(f)).format(), "complete output " + f);
                assertEquals(1800, Imbytes.info(Files.readAllBytes(f)).width());
            }
        }
        long written;
        try (var files = Files.list(out)) {
            written = files.count();
        }
        assertTrue(written < 12, "stopped before the end: " + written);
        // a rerun finishes the rest and skips what was done
        Result rerun = java(new byte[0], "convert", in.toString(), "-o", out.toString(), "--to", "png", "--png-level", "1",
                "--threads", "2");
        assertEquals(0, rerun.exit(), rerun.err());
        assertTrue(rerun.err().contains((12 - written) + " ok, 0 failed, " + written + " skipped"), rerun.err());
    }

    @Test
    void infoOnTheJar() throws Exception {
        Result r = java(new byte[0], "info", "--json", TestImages.fixture("large/exifr/canon-dslr.jpg").toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertEquals(5184, n.get("width").asInt());
        assertTrue(Files.exists(JAR));
    }
}
