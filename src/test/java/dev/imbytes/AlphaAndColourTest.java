package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class AlphaAndColourTest {
    private static final DecodeOptions UNCHANGED = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED);

    @Test
    void transparentPixelsBecomeTheBackgroundInJpeg() {
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png"); // RGBA gradient with alpha 0 areas
        for (Background bg : new Background[] {Background.WHITE, Background.BLACK, Background.rgb(255, 0, 0)}) {
            byte[] jpeg = Imbytes.convert(png, Conversion.to(JpegOptions.quality(100)
                    .withSubsampling(ChromaSubsampling.S444)).withBackground(bg));
            try (ImageMat source = Imbytes.decode(png, UNCHANGED); ImageMat out = Imbytes.decode(jpeg)) {
                int checked = 0;
                for (int y = 0; y < source.height(); y++) {
                    for (int x = 0; x < source.width(); x++) {
                        double[] s = source.mat().get(y, x);
                        double[] o = out.mat().get(y, x);
                        if (s[3] == 0) {
                            assertEquals(bg.blue(), o[0], 6, "B at " + x + "," + y + " on " + bg);
                            assertEquals(bg.green(), o[1], 6, "G at " + x + "," + y);
                            assertEquals(bg.red(), o[2], 6, "R at " + x + "," + y);
                            checked++;
                        } else if (s[3] == 255) {
                            assertEquals(s[0], o[0], 6, "opaque pixels keep their colour");
                        }
                    }
                }
                assertTrue(checked > 0, "the fixture has fully transparent pixels");
            }
        }
    }

    @Test
    void flatteningBlendsHalfTransparentPixels() {
        Mat bgra = new Mat(8, 8, CvType.CV_8UC4, new Scalar(0, 0, 200, 128)); // red at ~50 %
        byte[] bmp = Imbytes.encode(bgra, Format.BMP);
        try (ImageMat out = Imbytes.decode(bmp)) {
            double[] p = out.mat().get(4, 4);
            // over white: 255 + 128/255 * (x - 255)
            assertEquals(127, p[0], 1);
            assertEquals(127, p[1], 1);
            assertEquals(227, p[2], 1);
        }
        bgra.release();
    }

    @Test
    void alphaIsKeptInPngAndWebp() {
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        for (Format f : new Format[] {Format.PNG, Format.WEBP, Format.TIFF}) {
            byte[] out = Imbytes.convert(png, Conversion.to(f));
            try (ImageMat img = Imbytes.decode(out, UNCHANGED)) {
                assertEquals(4, img.channels(), f.toString());
            }
        }
    }

    @Test
    void grayPaletteAndGrayAlphaConvertToEveryMainFormat() {
        for (String path : new String[] {"valid/pngsuite/basn0g01.png", "valid/pngsuite/basn3p04.png",
                "valid/pngsuite/basn4a16.png", "valid/sharp/grey-8bit-alpha.png", "valid/pillow/p_trns_single.png",
                "valid/pngsuite/tbwn0g16.png", "valid/pillow/pal8.bmp", "valid/pillow/16bit.cropped.tif"}) {
            for (Format f : new Format[] {Format.JPEG, Format.PNG, Format.WEBP, Format.BMP, Format.TIFF}) {
                ConversionResult r = Imbytes.convertDetailed(TestImages.bytes(path), Conversion.to(f));
                assertEquals(f, r.outputFormat());
                try (ImageMat back = Imbytes.decode(r.bytes())) {
                    assertEquals(r.outputWidth(), back.width(), path + " → " + f);
                }
            }
        }
    }

    @Test
    void cmykAndYcckJpegMatchTheDjpegReference() throws Exception {
        // Reference: libjpeg-turbo 2.1.5 `djpeg -pnm` (src/test/resources/reference/README.md). It converts
        // YCCK→CMYK in libjpeg and CMYK→RGB with no colour profile, which is what every profile-less
        // decoder (ImageMagick, Pillow) agrees on; OpenCV's own output for this file is within 2 levels.
        byte[] ppm = Files.readAllBytes(Path.of("src/test/resources/reference/pil_sample_cmyk.ppm"));
        Mat reference = Imgcodecs.imdecode(new org.opencv.core.MatOfByte(ppm), Imgcodecs.IMREAD_COLOR);
        for (ReadMode mode : new ReadMode[] {ReadMode.COLOR, ReadMode.UNCHANGED}) {
            try (ImageMat img = Imbytes.decode(TestImages.bytes("valid/pillow/pil_sample_cmyk.jpg"),
                    DecodeOptions.defaults().withMode(mode))) {
                assertEquals(3, img.channels());
                assertTrue(Pixels.meanAbsDiff(reference, img.mat()) < 1.0, mode + " mean abs diff");
            }
        }
        try (ImageMat gray = Imbytes.decode(TestImages.bytes("valid/pillow/pil_sample_cmyk.jpg"),
                DecodeOptions.defaults().withMode(ReadMode.GRAYSCALE))) {
            assertEquals(1, gray.channels());
        }
        Mat refGray = new Mat();
        Core.extractChannel(reference, refGray, 2);
        assertTrue(Core.mean(refGray).val[0] > 20, "the reference is mostly red on black");
        reference.release();
        refGray.release();
    }
}
