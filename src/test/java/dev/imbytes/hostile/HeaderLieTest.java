package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.CorruptImageException;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Fit;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.ImageMat;
import dev.imbytes.ImageTooLargeException;
import dev.imbytes.Imbytes;
import dev.imbytes.Jpeg2000Options;
import dev.imbytes.Limits;
import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.MatCounter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Headers that lie about the size of the data behind them. Whatever a header says, the limits
 * hold: a lie is refused (ImageTooLargeException or CorruptImageException), or the image that
 * comes back is within the limits. Nothing crashes and nothing untyped escapes.
 */
class HeaderLieTest {

    private static final byte[] PNG = TestImages.bytes("valid/libjpeg-turbo/monkey16.png");
    private static final byte[] JPEG = TestImages.bytes("valid/pillow/hopper.jpg");
    private static final byte[] BMP = TestImages.bytes("valid/pillow/rgb24.bmp");

    /** Limits that just admit {@code w}×{@code h}. */
    private static Limits limitsFor(int w, int h) {
        return Limits.defaults().withMaxPixels((long) w * h).withMaxSide(Math.max(w, h));
    }

    /** Decodes strictly and leniently (and converts): each outcome is typed or within {@code limits}. */
    private static void assertLimitsHold(byte[] data, Limits limits) {
        for (boolean lenient : new boolean[] {false, true}) {
            DecodeOptions o = DecodeOptions.defaults().withLimits(limits).withLenient(lenient);
            Object d = Hostile.decodeOrTyped(data, o);
            if (d instanceof int[] size) {
                assertWithin(size[0], size[1], limits, "lenient=" + lenient);
            } else {
                assertInstanceOf(ImageException.class, d);
            }
            Object c = Hostile.convertOrTyped(data, Conversion.to(Format.PNG).withDecodeOptions(o));
            if (c instanceof ConversionResult r) {
                assertWithin(r.outputWidth(), r.outputHeight(), limits, "converted, lenient=" + lenient);
            }
        }
    }

    private static void assertWithin(int w, int h, Limits limits, String what) {
        assertTrue(w <= limits.maxSide() && h <= limits.maxSide() && (long) w * h <= limits.maxPixels(),
                what + ": " + w + "x" + h + " is over " + limits);
    }

    @Test
    void pngHeaderSmallerThanItsData() {
        byte[] lie = Hostile.pngWithSize(PNG, 16, 12);
        assertEquals(16, Imbytes.info(lie).width());
        assertLimitsHold(lie, limitsFor(16, 12));
        // libpng decodes what IHDR says, never what the data could hold
        Object d = Hostile.decodeOrTyped(lie, DecodeOptions.defaults().withLenient(true));
        if (d instanceof int[] size) {
            assertEquals(16, size[0]);
            assertEquals(12, size[1]);
        }
    }

    @Test
    void pngHeaderLargerThanItsData() {
        byte[] lie = Hostile.pngWithSize(PNG, 4000, 3000); // 12 MP: within the default limit
        assertLimitsHold(lie, Limits.defaults());
        assertLimitsHold(lie, limitsFor(4000, 3000));
        // strict: the data runs out long before the rows do
        assertThrows(CorruptImageException.class, () -> Imbytes.decode(lie).close());
    }

    @Test
    void pngHeaderOverTheLimitIsRefusedWhateverTheData() {
        byte[] lie = Hostile.pngWithSize(PNG, 20_000, 20_000);
        assertThrows(ImageTooLargeException.class, () -> Imbytes.decode(lie, DecodeOptions.defaults().withLenient(true)));
        assertThrows(ImageTooLargeException.class,
                () -> Imbytes.decode(Hostile.pngWithSize(PNG, 300, 300), DecodeOptions.defaults()
                        .withLimits(limitsFor(299, 299))));
    }

    @Test
    void jpegFrameHeaderSmallerThanItsData() {
        byte[] lie = Hostile.jpegWithSize(JPEG, 16, 16);
        assertEquals(16, Imbytes.info(lie).width());
        assertLimitsHold(lie, limitsFor(16, 16));
    }

    @Test
    void jpegFrameHeaderLargerThanItsData() {
        byte[] lie = Hostile.jpegWithSize(JPEG, 5000, 4000);
        assertLimitsHold(lie, limitsFor(5000, 4000));
        assertThrows(ImageTooLargeException.class,
                () -> Imbytes.decode(lie, DecodeOptions.defaults().withLimits(limitsFor(4999, 4000))));
        // shrink-on-load still checks the full size the reduced decode stands for
        assertLimitsHold(lie, limitsFor(5000, 4000));
        Object c = Hostile.convertOrTyped(lie, Conversion.to(Format.PNG).withFit(Fit.within(100, 100))
                .withDecodeOptions(DecodeOptions.defaults().withLimits(limitsFor(5000, 4000)).withLenient(true)));
        if (c instanceof ConversionResult r) {
            assertTrue(r.outputWidth() <= 100 && r.outputHeight() <= 100);
        }
    }

    @Test
    void bmpHeaderSmallerAndLargerThanItsData() {
        assertLimitsHold(Hostile.bmpWithSize(BMP, 10, 10), limitsFor(10, 10));
        byte[] larger = Hostile.bmpWithSize(BMP, 3000, 3000);
        // the pixel data cannot fill 3000x3000: refused before OpenCV in strict mode
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> Imbytes.decode(larger).close());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertLimitsHold(larger, limitsFor(3000, 3000));
    }

    /**
     * The gap this test found: a JP2 file's ihdr box and its codestream's SIZ both give a size, and
     * OpenJPEG decodes the codestream's. The probe used to read only ihdr, so a small ihdr let a
     * large codestream past the limits (the decoded-size check came only after the allocation).
     */
    @Test
    void jp2ImageHeaderBoxSmallerThanItsCodestream() {
        byte[] jp2;
        try (ImageMat img = Imbytes.decode(JPEG)) {
            jp2 = Imbytes.encode(img.mat(), Jpeg2000Options.defaults().withTempFileAllowed(true));
        }
        int ihdr = indexOf(jp2, "ihdr") + 4;
        byte[] lie = jp2.clone();
        Hostile.putInt(lie, ihdr, 16); // height
        Hostile.putInt(lie, ihdr + 4, 16); // width
        DecodeOptions jp2Allowed = DecodeOptions.defaults().allowing(Format.JPEG2000);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> Imbytes.decode(lie, jp2Allowed.withLimits(limitsFor(16, 16)).withLenient(true)));
        assertTrue(e.getMessage().contains("128x128"), e.getMessage());
        CorruptImageException c = assertThrows(CorruptImageException.class, () -> Imbytes.decode(lie, jp2Allowed));
        assertTrue(c.getMessage().contains("codestream"), c.getMessage());
        assertLimitsHold(lie, limitsFor(16, 16));
    }

    private static int indexOf(byte[] b, String s) {
        byte[] n = s.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (b[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("no " + s);
    }

    @AfterAll
    static void everyMatWasReleased() {
        assertEquals(0, MatCounter.live());
    }
}
