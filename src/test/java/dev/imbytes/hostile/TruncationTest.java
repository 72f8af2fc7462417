package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Conversion;
import dev.imbytes.ConversionResult;
import dev.imbytes.CorruptImageException;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Format;
import dev.imbytes.ImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.MatCounter;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real files cut short at several points. Strict (the default): always a CorruptImageException,
 * decided in Java before the native decoder runs. Lenient: an image marked partial, or a typed
 * exception when the decoder recovers nothing.
 */
class TruncationTest {

    static final String[] FILES = {
        "valid/pillow/hopper.jpg", "valid/libjpeg-turbo/monkey16.png", "valid/sharp/grey-8bit-alpha.png",
        "valid/pillow/hopper.webp", "valid/libwebp-test-data/lossless1.webp", "valid/pillow/hopper.tif",
        "valid/pillow/hopper_lzw.tif", "valid/pillow/rgb24.bmp", "valid/pillow/pal8.bmp",
    };

    static final double[] CUTS = {0.05, 0.25, 0.5, 0.75, 0.95};

    static Stream<Arguments> cuts() {
        return Arrays.stream(FILES).flatMap(f -> {
            int n = TestImages.bytes(f).length;
            Stream<Integer> at = Stream.concat(Arrays.stream(CUTS).mapToObj(c -> (int) (n * c)), Stream.of(n - 1));
            return at.distinct().map(cut -> Arguments.of(f, cut));
        });
    }

    @ParameterizedTest(name = "{0} cut at {1}")
    @MethodSource("cuts")
    void strictRefusesLenientRecoversOrRefuses(String file, int cut) {
        byte[] data = Arrays.copyOf(TestImages.bytes(file), cut);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> Imbytes.decode(data).close());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        assertThrows(CorruptImageException.class, () -> Imbytes.convert(data, Conversion.to(Format.PNG)));

        Object lenient = Hostile.convertOrTyped(data,
                Conversion.to(Format.PNG).withDecodeOptions(DecodeOptions.defaults().withLenient(true)));
        if (lenient instanceof ConversionResult r) {
            assertTrue(r.partial(), "a lenient decode of a cut file says partial");
            assertTrue(r.outputWidth() > 0 && r.outputHeight() > 0);
        } else {
            assertInstanceOf(ImageException.class, lenient);
        }
    }

    @AfterAll
    static void everyMatWasReleased() {
        assertEquals(0, MatCounter.live());
    }
}
