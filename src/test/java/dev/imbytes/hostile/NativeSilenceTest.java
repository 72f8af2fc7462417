package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.DecodeOptions;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.Pixels;
import dev.imbytes.ReadMode;
import dev.imbytes.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crafted files that made a native decoder print on stderr (issue 10): each is refused in the
 * Java probe with its typed exception, or decoded from a copy without the chunk libpng would have
 * warned about, with the pixels libpng gives. A child JVM decodes them all, strict and then
 * lenient; strict prints nothing on stderr, lenient only libjpeg's warnings for the two JPEGs it
 * decodes anyway. The child's one line per file shows the outcome.
 */
class NativeSilenceTest {

    private static final byte[] PROGRESSIVE = TestImages.bytes("valid/pillow/app13-multiple.jpg");
    private static final byte[] BASELINE = TestImages.bytes("valid/pillow/hopper.jpg");
    private static final byte[] GREY_PNG = TestImages.bytes("valid/pngsuite/basi0g08.png");
    private static final byte[] GREY_TRNS_PNG = TestImages.bytes("valid/pillow/l_trns.png");
    private static final byte[] PALETTE_PNG = TestImages.bytes("valid/pillow/p_trns_single.png");
    private static final byte[] BMP = TestImages.bytes("valid/pillow/pal8.bmp");
    private static final byte[] WEBP = TestImages.bytes("valid/pillow/hopper.webp");

    /** The crafted files by name. */
    private static Map<String, byte[]> files() {
        byte[] palette = Crafted.pngChunk(PALETTE_PNG, "PLTE");
        byte[] trns = Crafted.pngChunk(GREY_TRNS_PNG, "tRNS");
        Map<String, byte[]> f = new LinkedHashMap<>();
        f.put("scans-101.jpg", Crafted.jpegWithScans(PROGRESSIVE, 101));
        f.put("scans-883.jpg", Crafted.jpegWithScans(PROGRESSIVE, 883));
        f.put("junk-before-marker.jpg", Crafted.jpegWithJunkAfterFirstSegment(BASELINE, 11));
        f.put("jfif-revision-2.jpg", Crafted.jpegWithJfifRevision(BASELINE, 2));
        f.put("plte-in-grey.png", Crafted.pngInsertBefore(GREY_PNG, "IDAT", palette));
        f.put("trns-duplicate.png", Crafted.pngInsertBefore(GREY_TRNS_PNG, "IDAT", trns));
        f.put("trns-bad-length.png", Crafted.pngInsertBefore(GREY_PNG, "IDAT", Crafted.chunk("tRNS", new byte[3])));
        f.put("trns-after-idat.png", Crafted.pngInsertBefore(GREY_PNG, "IEND", Crafted.chunk("tRNS", new byte[2])));
        f.put("plte-duplicate.png", Crafted.pngInsertBefore(PALETTE_PNG, "IDAT", palette));
        f.put("plte-missing.png", Crafted.pngWithout(PALETTE_PNG, "PLTE"));
        f.put("plte-bad-length.png", Crafted.pngInsertBefore(Crafted.pngWithout(PALETTE_PNG, "PLTE"), "tRNS",
                Crafted.chunk("PLTE", new byte[7])));
        f.put("trns-before-plte.png", Crafted.pngInsertBefore(Crafted.pngWithout(PALETTE_PNG, "tRNS"), "PLTE",
                Crafted.pngChunk(PALETTE_PNG, "tRNS")));
        f.put("chunks-100k.png", Crafted.pngInsertBefore(GREY_PNG, "IDAT", repeat(Crafted.chunk("tEXt",
                new byte[] {'k', 0, 'v'}), 100_000)));
        f.put("clrused-1000.bmp", Crafted.bmpWithColoursUsed(BMP, 1000));
        f.put("clrused-max.bmp", Crafted.bmpWithColoursUsed(BMP, 0xFFFFFFFFL));
        f.put("animated.webp", Crafted.animatedWebp(WEBP));
        f.put("animated-small-frame.webp", Crafted.animatedWebpOnLargerCanvas(WEBP, 10));
        f.put("chunks-1000.webp", Crafted.webpWithChunks(WEBP, 1000));
        f.put("chunks-998.webp", Crafted.webpWithChunks(WEBP, 998));
        f.put("short.webp", Crafted.shortWebp(WEBP, 30));
        return f;
    }

    /** What each file gives, strict: "decoded", or the exception's type and a part of its message. */
    private static final Map<String, String> STRICT = new TreeMap<>(Map.ofEntries(
            Map.entry("scans-101.jpg", "ImageTooLargeException: JPEG: more than 100 scans"),
            Map.entry("scans-883.jpg", "ImageTooLargeException: JPEG: more than 100 scans"),
            Map.entry("junk-before-marker.jpg", "CorruptImageException: 11 extraneous bytes"),
            Map.entry("jfif-revision-2.jpg", "CorruptImageException: unknown JFIF revision 2.02"),
            Map.entry("plte-in-grey.png", "decoded"),
            Map.entry("trns-duplicate.png", "decoded"),
            Map.entry("trns-bad-length.png", "decoded"),
            Map.entry("trns-after-idat.png", "decoded"),
            Map.entry("plte-duplicate.png", "CorruptImageException: second PLTE chunk"),
            Map.entry("plte-missing.png", "CorruptImageException: no PLTE before IDAT"),
            Map.entry("plte-bad-length.png", "CorruptImageException: PLTE of length 7"),
            Map.entry("trns-before-plte.png", "decoded"),
            Map.entry("chunks-100k.png", "ImageTooLargeException: PNG: more than 100000 chunks"),
            Map.entry("clrused-1000.bmp", "CorruptImageException: colour table of 1000 entries"),
            Map.entry("clrused-max.bmp", "CorruptImageException: colour table of 4294967295 entries"),
            Map.entry("animated.webp", "decoded"), // its first frame
            Map.entry("animated-small-frame.webp", "decoded 138x138"), // placed on the larger canvas
            Map.entry("chunks-1000.webp", "ImageTooLargeException: WebP: more than 1000 chunks"),
            Map.entry("chunks-998.webp", "decoded"),
            // padded to OpenCV's header read, its cut VP8 data is then refused by libwebp, silently
            Map.entry("short.webp", "CorruptImageException: this WEBP (128x128) could not be decoded")));

    @Test
    void craftedFilesAreRefusedOrDecodedWithoutAWordOnStderr(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        for (String mode : List.of("strict", "lenient")) {
            Hostile.Child child = Hostile.runJava(List.of("-Xmx256m"), DecodeAllMain.class, 120, dir.toString(), mode);
            assertEquals(0, child.exit(), child.stderr());
            if (mode.equals("strict")) {
                Map<String, String> outcomes = new TreeMap<>();
                child.stdout().lines().map(l -> l.split("\t", 2)).forEach(p -> outcomes.put(p[0], p[1]));
                assertEquals(STRICT.keySet(), outcomes.keySet());
                STRICT.forEach((name, want) -> {
                    String got = outcomes.get(name);
                    String type = want.split(": ", 2)[0]; // the exception type, then a part of its message
                    assertTrue(got.startsWith(type) && got.contains(want.substring(type.length())),
                            name + ": want " + want + ", got " + got);
                });
            }
            // lenient hands a file with a defect to the decoder by design: libjpeg then warns as SECURITY.md says
            List<String> allowed = mode.equals("strict") ? List.of() : List.of(
                    "Warning: unknown JFIF revision number 2.02", "Corrupt JPEG data: 11 extraneous bytes before marker 0xfe");
            List<String> unexpected = child.stderrLines().stream().filter(l -> !allowed.contains(l)).toList();
            assertEquals(List.of(), unexpected, mode + ": native stderr output");
        }
    }

    @Test
    void theScanCapHoldsInLenientModeAndBeforeAnyNativeCall() {
        byte[] bomb = Crafted.jpegWithScans(PROGRESSIVE, 883);
        long start = System.nanoTime();
        Object lenient = Hostile.decodeOrTyped(bomb, DecodeOptions.defaults().withLenient(true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(lenient instanceof dev.imbytes.ImageTooLargeException, String.valueOf(lenient));
        assertTrue(millis < 1000, "refused in " + millis + " ms");
        // a comment segment between the first two scans, then junk: libjpeg skips the junk and reads on
        byte[] junkThenScans = Crafted.splice(bomb, Crafted.secondSos(bomb),
                new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 4, 'i', 'b', 1, 2, 3});
        assertTrue(Hostile.decodeOrTyped(junkThenScans, DecodeOptions.defaults().withLenient(true))
                instanceof dev.imbytes.ImageTooLargeException, "junk between scans must not hide the scans after it");
        Object atCap = Hostile.decodeOrTyped(Crafted.jpegWithScans(PROGRESSIVE, 100), DecodeOptions.defaults()
                .withLenient(true));
        assertTrue(atCap instanceof int[], "100 scans are allowed: " + atCap);
    }

    @Test
    void theChunkCapHoldsInLenientModeAndBeforeAnyNativeCall() {
        byte[] many = files().get("chunks-100k.png");
        long start = System.nanoTime();
        Object lenient = Hostile.decodeOrTyped(many, DecodeOptions.defaults().withLenient(true));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(lenient instanceof dev.imbytes.ImageTooLargeException, String.valueOf(lenient));
        assertTrue(millis < 1000, "refused in " + millis + " ms");
    }

    private static byte[] repeat(byte[] b, int times) {
        byte[] out = new byte[b.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(b, 0, out, i * b.length, b.length);
        }
        return out;
    }

    @Test
    void droppedChunksLeaveThePixelsLibpngGives() {
        DecodeOptions unchanged = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED);
        Map<String, byte[]> f = files();
        assertSamePixels(GREY_PNG, f.get("plte-in-grey.png"), unchanged);
        assertSamePixels(GREY_TRNS_PNG, f.get("trns-duplicate.png"), unchanged);
        assertSamePixels(GREY_PNG, f.get("trns-bad-length.png"), unchanged);
        assertSamePixels(GREY_PNG, f.get("trns-after-idat.png"), unchanged);
        assertSamePixels(Crafted.pngWithout(PALETTE_PNG, "tRNS"), f.get("trns-before-plte.png"), unchanged);
    }

    private static void assertSamePixels(byte[] reference, byte[] crafted, DecodeOptions options) {
        try (ImageMat a = Imbytes.decode(reference, options); ImageMat b = Imbytes.decode(crafted, options)) {
            assertTrue(Pixels.identical(a.mat(), b.mat()), Pixels.describe(a.mat()) + " vs " + Pixels.describe(b.mat()));
        }
    }
}
