package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.imbytes.internal.nativelib.MatCounter;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of native-test-images/index.tsv gets the outcome its "expected" column states. */
class IndexContractTest {

    static Stream<TestImages.Row> decodes() {
        return TestImages.rows(TestImages.Expected.DECODES).stream();
    }

    static Stream<TestImages.Row> mustFail() {
        return TestImages.rows(TestImages.Expected.MUST_FAIL).stream();
    }

    static Stream<TestImages.Row> noCrash() {
        return TestImages.rows(TestImages.Expected.NO_CRASH).stream();
    }

    static Stream<TestImages.Row> bombs() {
        return TestImages.rows(TestImages.Expected.BOMB).stream();
    }

    @Test
    void indexHasEveryKindOfRow() {
        assertTrue(decodes().count() >= 90);
        assertTrue(mustFail().count() >= 10);
        assertTrue(bombs().count() >= 2);
    }

    @ParameterizedTest
    @MethodSource("decodes")
    void decodesToTheListedSizeUpright(TestImages.Row row) {
        int o = row.appliedOrientation();
        int w = o >= 5 ? row.h() : row.w();
        int h = o >= 5 ? row.w() : row.h();
        for (ReadMode mode : ReadMode.values()) {
            try (ImageMat img = Imbytes.decode(row.bytes(), DecodeOptions.defaults().withMode(mode))) {
                assertEquals(w, img.width(), mode + " width");
                assertEquals(h, img.height(), mode + " height");
                int expectedChannels = switch (mode) {
                    case COLOR -> 3;
                    case GRAYSCALE -> 1;
                    case UNCHANGED -> img.channels(); // checked below
                };
                assertEquals(expectedChannels, img.channels(), mode + " channels");
                if (mode == ReadMode.UNCHANGED && row.bitDepth().orElse(0) == 16 && !row.is(Format.JPEG)) {
                    assertEquals(org.opencv.core.CvType.CV_16U, img.mat().depth(), "16-bit kept in UNCHANGED");
                }
            }
        }
        // and the stored size when orientation is ignored
        try (ImageMat img = Imbytes.decode(row.bytes(), DecodeOptions.defaults().withApplyOrientation(false))) {
            assertEquals(row.w(), img.width());
            assertEquals(row.h(), img.height());
        }
    }

    @ParameterizedTest
    @MethodSource("mustFail")
    void mustFailGivesATypedException(TestImages.Row row) {
        ImageException e = assertThrows(ImageException.class, () -> Imbytes.decode(row.bytes()).close());
        assertTrue(e instanceof CorruptImageException || e instanceof UnsupportedFormatException,
                "typed: " + e.getClass());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        // a conversion fails the same way and never yields bytes
        assertThrows(ImageException.class, () -> Imbytes.convert(row.bytes(), Conversion.to(Format.PNG)));
    }

    @ParameterizedTest
    @MethodSource("noCrash")
    void noCrashGivesAnImageOrATypedException(TestImages.Row row) {
        DecodeOptions all = DecodeOptions.defaults().allowingAllFormats();
        try (ImageMat img = Imbytes.decode(row.bytes(), all)) {
            assertTrue(img.width() > 0 && img.height() > 0);
        } catch (ImageException expected) {
            assertTrue(expected.getMessage() != null);
        } catch (RuntimeException other) {
            fail("untyped exception " + other);
        }
    }

    @ParameterizedTest
    @MethodSource("bombs")
    void bombsAreRefusedBeforeDecoding(TestImages.Row row) {
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
                () -> Imbytes.decode(row.bytes(), DecodeOptions.defaults().allowingAllFormats()));
        assertTrue(e.getMessage().contains(row.w() + "x" + row.h()), e.getMessage());
        assertThrows(ImageTooLargeException.class, () -> Imbytes.convert(row.bytes(), Conversion.to(Format.JPEG)));
        // the header is still readable: a bomb is reported, not hidden
        assertEquals(row.w(), Imbytes.info(row.bytes()).width());
    }

    @AfterAll
    static void everyMatWasReleased() {
        assertEquals(0, MatCounter.live(), "Mats made by imbytes and not released");
    }
}
