package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BufferedImage in and out give the same pixels as javax.imageio on the same PNGs. */
class BufferedImageTest {
    private static final String[] COLOUR_PNGS = {"valid/pngsuite/basn2c08.png", "valid/pngsuite/basn6a08.png",
        "valid/pngsuite/basn3p08.png", "valid/pillow/icc_profile.png", "valid/pngsuite/tbbn3p08.png"};

    private static final int[] TYPES = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR,
        BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR,
        BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB, BufferedImage.TYPE_INT_ARGB_PRE};

    static BufferedImage imageIo(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void decodedPixelsEqualImageIo(int index) {
        byte[] png = TestImages.bytes(COLOUR_PNGS[index]);
        BufferedImage actual = Imbytes.decodeToBufferedImage(png, DecodeOptions.defaults().withMode(ReadMode.UNCHANGED));
        assertSamePixels(imageIo(png), actual, COLOUR_PNGS[index]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void matToEveryTypeGivesImageIoPixels(int index) {
        byte[] png = TestImages.bytes(COLOUR_PNGS[index]);
        BufferedImage expected = imageIo(png);
        try (ImageMat mat = Imbytes.decode(png, DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            for (int type : new int[] {BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_ARGB}) {
                BufferedImage typed = Imbytes.toBufferedImage(mat.mat(), type);
                assertEquals(type, typed.getType());
                assertSamePixels(expected, typed, COLOUR_PNGS[index] + " type " + type);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void encodedFromEveryTypeGivesTheSamePixels(int index) {
        BufferedImage source = imageIo(TestImages.bytes(COLOUR_PNGS[index]));
        for (int type : TYPES) {
            BufferedImage typed = dev.imbytes.internal.awt.BufferedImages.convert(source, type);
            BufferedImage back = imageIo(Imbytes.encode(typed, Format.PNG));
            assertSamePixels(typed, back, COLOUR_PNGS[index] + " from type " + type);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid/pngsuite/basn0g08.png", "valid/pngsuite/basn0g16.png", "valid/pngsuite/basn0g04.png"})
    void grayImagesKeepTheirSamples(String path) {
        byte[] png = TestImages.bytes(path);
        BufferedImage expected = imageIo(png);
        BufferedImage actual = Imbytes.decodeToBufferedImage(png, DecodeOptions.defaults().withMode(ReadMode.UNCHANGED));
        assertEquals(expected.getWidth(), actual.getWidth());
        int[] e = expected.getRaster().getPixels(0, 0, expected.getWidth(), expected.getHeight(), (int[]) null);
        int[] a = actual.getRaster().getPixels(0, 0, actual.getWidth(), actual.getHeight(), (int[]) null);
        if (path.contains("g04")) { // ImageIO keeps 4-bit samples; OpenCV expands them to 8 bits (×17)
            for (int i = 0; i < e.length; i++) {
                e[i] *= 17;
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(e, a, path);
        BufferedImage back = imageIo(Imbytes.encode(actual, Format.PNG));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a,
                back.getRaster().getPixels(0, 0, back.getWidth(), back.getHeight(), (int[]) null), path + " encode");
    }

    static void assertSamePixels(BufferedImage expected, BufferedImage actual, String what) {
        assertEquals(expected.getWidth(), actual.getWidth(), what);
        assertEquals(expected.getHeight(), actual.getHeight(), what);
        int[] e = expected.getRGB(0, 0, expected.getWidth(), expected.getHeight(), null, 0, expected.getWidth());
        int[] a = actual.getRGB(0, 0, actual.getWidth(), actual.getHeight(), null, 0, actual.getWidth());
        for (int i = 0; i < e.length; i++) {
            if (e[i] != a[i] && !(e[i] >>> 24 == 0 && a[i] >>> 24 == 0)) { // colour under alpha 0 is moot
                assertEquals(Integer.toHexString(e[i]), Integer.toHexString(a[i]), what + " pixel " + i);
            }
        }
    }
}
