package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.imbytes.Conversion;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.CvException;
import org.opencv.core.Mat;

/**
 * Issue 10: decoder buffers bounded by construction, no silent wrong TIFF results, nothing native
 * on stderr for TIFF fields OpenCV cannot decode, memory of one conversion under 700 MB at the
 * default limits, and resize sizes that overflow refused before any native call. Memory and
 * stderr are measured in child JVMs ({@link DecoderBoundsMain}).
 */
class DecoderBoundsTest {

    /** What one conversion may peak at, resident, at the default limits (SECURITY.md). */
    static final long MAX_CONVERSION_PEAK_KB = 700 * 1024;

    private static List<String> runChild(long timeoutSeconds, String... args) {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "needs /proc/self/status (Linux)");
        Hostile.Child child = Hostile.runJava(List.of("-Xmx256m"), DecoderBoundsMain.class, timeoutSeconds, args);
        assertEquals(0, child.exit(), "child failed:\n" + child.stdout() + child.stderr());
        assertEquals("", child.stderr(), "nothing on stderr");
        System.out.print(child.stdout());
        return child.stdout().lines().toList();
    }

    private static long peakKb(List<String> lines) {
        long kb = Long.parseLong(lines.get(lines.size() - 1).replace("VmHWM ", ""));
        assertTrue(kb > 0, "VmHWM read");
        return kb;
    }

    private static void assertOutcome(List<String> lines, String prefix, String outcome) {
        List<String> hits = lines.stream().filter(l -> l.startsWith(prefix + " -> ")).toList();
        assertTrue(!hits.isEmpty(), "no line for " + prefix + " in\n" + String.join("\n", lines));
        for (String l : hits) {
            assertTrue(l.startsWith(prefix + " -> " + outcome), l);
        }
    }

    @Test
    void craftedTiffsAreRefusedTypedSilentlyAndCheaply() {
        List<String> lines = runChild(120, "tiff");
        for (String mode : List.of("strict", "lenient")) {
            assertOutcome(lines, "tile-bomb.tif " + mode, "ImageTooLargeException");
            assertOutcome(lines, "deflate-tile-bomb.tif " + mode, "ImageTooLargeException");
            assertOutcome(lines, "compression-999.tif " + mode, "UnsupportedFormatException");
            assertOutcome(lines, "pages-2.tif " + mode, "ok 1x1");
            assertOutcome(lines, "pages-1025.tif " + mode, "UnsupportedFormatException");
            assertOutcome(lines, "pages-loop.tif " + mode, "CorruptImageException");
            for (String odd : TiffCases.oddFields().keySet()) {
                assertOutcome(lines, odd.replaceAll("[^A-Za-z0-9]+", "-") + ".tif " + mode, "UnsupportedFormatException");
            }
        }
        assertOutcome(lines, "garbage-lzw.tif strict", "CorruptImageException");
        assertOutcome(lines, "garbage-lzw.tif lenient", "ok 64x64 partial=true");
        assertEquals(3, lines.stream().filter(l -> l.startsWith("tile-bomb.tif parallel -> ImageTooLargeException")).count());
        long peak = peakKb(lines);
        // before: one tile bomb peaked at 1 GB, three at once at 2.8 GB, the deflate bomb at 316 MB
        assertTrue(peak < 200 * 1024, "peak RSS " + peak + " kB");
    }

    @Test
    void rgba16PngOverTheDecodedByteLimitIsRefusedBeforeDecoding() {
        List<String> lines = runChild(120, "png16", "10000", "10000", "PNG");
        assertOutcome(lines, "png16 default", "ImageTooLargeException");
        long peak = peakKb(lines);
        assertTrue(peak < 200 * 1024, "peak RSS " + peak + " kB (was 852 MB before the limit)");
    }

    @ParameterizedTest
    @CsvSource({
        // 288 MB decoded, about the most a 16-bit RGBA image may take; JPEG needs alpha flattened
        "png16, 6000, JPEG, ok 6000x6000",
        // 300 MB decoded, the most an 8-bit RGBA image may take, flattened for JPEG
        "png8a, 8660, JPEG, ok 8660x8660",
        // libwebp needs about 10 bytes a pixel for alpha: 30 MP is the most it may take
        "png8a, 5470, WEBP, ok 5470x5470",
        "png8a, 8660, WEBP, ImageTooLargeException",
        // 100 MP of 8-bit RGB, the pixel limit itself, through lossy WebP
        "png8, 10000, WEBP, ok 10000x10000"
    })
    void oneConversionAtTheDefaultLimitsStaysUnder700Mb(String kind, String side, String target, String outcome) {
        List<String> lines = runChild(240, kind, side, side, target);
        assertOutcome(lines, kind + " default", outcome);
        long peak = peakKb(lines);
        assertTrue(peak < MAX_CONVERSION_PEAK_KB, "peak RSS " + peak + " kB");
    }

    @Test
    void resizeThatOverflowsIsTooLargeNotCvException() {
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        try (ImageMat img = Imbytes.decode(png)) {
            assertThrows(ImageTooLargeException.class, () -> Imbytes.resize(img.mat(), Fit.scale(100000)));
            assertThrows(ImageTooLargeException.class, () -> Imbytes.resize(img.mat(), Fit.width(Integer.MAX_VALUE)));
            assertThrows(ImageTooLargeException.class, () -> Imbytes.resize(img.mat(), Fit.exact(70000, 1)));
        }
        assertThrows(ImageTooLargeException.class,
                () -> Imbytes.convert(png, Conversion.to(Format.PNG).withFit(Fit.scale(100000))));
        assertThrows(ImageTooLargeException.class,
                () -> Imbytes.convert(png, Conversion.to(Format.PNG).withFit(Fit.width(Integer.MAX_VALUE))));
    }

    @Test
    void anOpenCvErrorThatGetsPastTheChecksLeavesAsImageException() {
        // an empty Mat passes the size checks (0 x 0) and makes Imgproc.resize assert
        Mat empty = new Mat();
        try {
            ImageException e = assertThrows(ImageException.class, () -> Imbytes.resize(empty, Fit.scale(2)));
            assertInstanceOf(CvException.class, e.getCause());
        } finally {
            empty.release();
        }
    }

    @Test
    void cliResizeThatOverflowsIsTooLarge(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.png");
        Files.write(in, TestImages.bytes("valid/pngsuite/basn6a08.png"));
        for (List<String> size : List.of(List.of("--scale", "100000"), List.of("--width", "2147483647"))) {
            Path out = dir.resolve("out-" + size.get(0).substring(2) + ".png");
            String[] args = {"convert", in.toString(), "-o", out.toString(), size.get(0), size.get(1)};
            Hostile.Child child = Hostile.runJava(List.of("-Xmx256m"), Main.class, 60, args);
            assertNotEquals(0, child.exit(), child.stdout() + child.stderr());
            assertTrue(child.stderr().contains("ImageTooLargeException"), child.stderr());
            assertTrue(!child.stderr().contains("CvException") && !child.stderr().contains("[ERROR"), child.stderr());
            assertTrue(!Files.exists(out), "no output written");
        }
    }
}
