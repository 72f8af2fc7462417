package dev.imbytes.internal.codec;

import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.NativeLibrary;
import dev.imbytes.internal.probe.HeaderProbe;
import dev.imbytes.internal.probe.ImageHeader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Pixels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Dropping the chunks OpenCV does not use never changes a decoded pixel: every PNG in
 * native-test-images decodes identically, in every read mode, before and after sanitising.
 */
class PngSanitizerTest {

    static Stream<Path> pngs() throws IOException {
        try (Stream<Path> s = Files.walk(TestImages.ROOT)) {
            return s.filter(p -> p.toString().endsWith(".png")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("pngs")
    void sanitisedCopyDecodesToTheSamePixels(Path file) throws IOException {
        NativeLibrary.ensureLoaded();
        byte[] original = Files.readAllBytes(file);
        ImageHeader h;
        try {
            h = HeaderProbe.probe(ByteBuffer.wrap(original));
        } catch (RuntimeException e) {
            return; // refused before any native call anyway
        }
        if (h.defect() != null || h.pixels() > 50_000_000) {
            return; // strict decoding refuses it; bombs are not decoded
        }
        check(file, original, h, PngSanitizer.KEPT, Imgcodecs.IMREAD_COLOR, Imgcodecs.IMREAD_UNCHANGED,
                Imgcodecs.IMREAD_ANYDEPTH | Imgcodecs.IMREAD_ANYCOLOR);
        check(file, original, h, PngSanitizer.kept(h, dev.imbytes.ReadMode.GRAYSCALE), Imgcodecs.IMREAD_GRAYSCALE);
    }

    private static void check(Path file, byte[] original, ImageHeader h, java.util.Set<String> kept, int... modes) {
        byte[] clean = PngSanitizer.sanitize(ByteBuffer.wrap(original), kept);
        if (clean == null) {
            return;
        }
        assertTrue(clean.length < original.length);
        ImageHeader c = HeaderProbe.probe(ByteBuffer.wrap(clean));
        assertEquals(List.of(h.width(), h.height(), h.channels(), h.bitDepth()),
                List.of(c.width(), c.height(), c.channels(), c.bitDepth()), "the header is unchanged");
        assertNull(c.defect());
        for (int flags : modes) {
            Mat a = decode(original, flags);
            Mat b = decode(clean, flags);
            try {
                assertTrue(Pixels.identical(a, b), file + " flags " + flags + " differ after sanitising");
            } finally {
                a.release();
                b.release();
            }
        }
    }

    @Test
    void aFileWithOnlyTheUsedChunksIsLeftAlone() throws IOException {
        byte[] withGamma = TestImages.bytes("valid/pngsuite/basn0g08.png");
        byte[] plain = PngSanitizer.sanitize(ByteBuffer.wrap(withGamma), PngSanitizer.KEPT);
        assertNotNull(plain, "gAMA dropped");
        assertNull(PngSanitizer.sanitize(ByteBuffer.wrap(plain), PngSanitizer.KEPT), "nothing more to drop");
    }

    @Test
    void theIccProfileThatMakesLibpngWarnIsDropped() throws IOException {
        byte[] icc = TestImages.bytes("valid/pillow/icc_profile.png");
        byte[] clean = PngSanitizer.sanitize(ByteBuffer.wrap(icc), PngSanitizer.KEPT);
        assertNotNull(clean);
        List<String> chunks = new ArrayList<>();
        for (int off = 8; off + 8 <= clean.length; ) {
            int len = ByteBuffer.wrap(clean, off, 4).getInt();
            chunks.add(new String(clean, off + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
            off += 12 + len;
        }
        assertTrue(PngSanitizer.KEPT.containsAll(chunks), chunks.toString());
        assertEquals("IEND", chunks.get(chunks.size() - 1));
    }

    private static Mat decode(byte[] bytes, int flags) {
        Mat in = new Mat(1, bytes.length, CvType.CV_8UC1);
        in.put(0, 0, bytes);
        Mat out = Imgcodecs.imdecode(in, flags);
        in.release();
        return out;
    }
}
