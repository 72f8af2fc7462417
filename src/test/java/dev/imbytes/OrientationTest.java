package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Core;
import org.opencv.core.Mat;

class OrientationTest {
    private static final String DIR = "orientation/exif-orientation-examples/";

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationLooksLikeOrientationOne(int n) {
        for (ReadMode mode : ReadMode.values()) {
            DecodeOptions options = DecodeOptions.defaults().withMode(mode);
            try (ImageMat reference = Imbytes.decode(TestImages.bytes(DIR + "Landscape_1.jpg"), options);
                 ImageMat turned = Imbytes.decode(TestImages.bytes(DIR + "Landscape_" + n + ".jpg"), options)) {
                assertEquals(1800, turned.width());
                assertEquals(1200, turned.height());
                double mad = Pixels.meanAbsDiff(reference.mat(), turned.mat());
                // each file was JPEG-compressed separately after its transform; a wrong transform gives > 40
                assertTrue(mad < 4, mode + " Landscape_" + n + " mean abs diff " + mad);
            }
        }
    }

    @Test
    void ignoringOrientationKeepsTheStoredPixels() {
        DecodeOptions ignore = DecodeOptions.defaults().withApplyOrientation(false);
        try (ImageMat six = Imbytes.decode(TestImages.bytes(DIR + "Landscape_6.jpg"), ignore);
             ImageMat one = Imbytes.decode(TestImages.bytes(DIR + "Landscape_1.jpg"))) {
            assertEquals(1200, six.width());
            assertEquals(1800, six.height());
            Mat turned = new Mat();
            Core.rotate(six.mat(), turned, Core.ROTATE_90_CLOCKWISE);
            assertTrue(Pixels.meanAbsDiff(turned, one.mat()) < 4);
            turned.release();
        }
    }

    @Test
    void orientationIsAppliedWhenAlphaIsKeptToo() {
        // OpenCV skips orientation for IMREAD_UNCHANGED; imbytes applies it itself in every mode.
        try (ImageMat img = Imbytes.decode(TestImages.bytes(DIR + "Landscape_8.jpg"),
                DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            assertEquals(1800, img.width());
        }
    }

    @Test
    void resizeAndConvertSeeTheUprightImage() {
        ConversionResult r = Imbytes.convertDetailed(TestImages.bytes(DIR + "Landscape_5.jpg"),
                Conversion.to(Format.PNG).withFit(Fit.width(300)));
        assertEquals(300, r.outputWidth());
        assertEquals(200, r.outputHeight());
        assertEquals(1200, r.inputWidth(), "input size is reported as stored");
    }
}
