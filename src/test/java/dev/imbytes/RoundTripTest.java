package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class RoundTripTest {
    private static final DecodeOptions UNCHANGED = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED);

    static Stream<TestImages.Row> validPngs() {
        return TestImages.rows(r -> r.expected() == TestImages.Expected.DECODES && r.is(Format.PNG)).stream();
    }

    @ParameterizedTest
    @MethodSource("validPngs")
    void pngRoundTripIsPixelExact(TestImages.Row row) {
        try (ImageMat original = Imbytes.decode(row.bytes(), UNCHANGED)) {
            byte[] png = Imbytes.encode(original.mat(), Format.PNG);
            try (ImageMat again = Imbytes.decode(png, UNCHANGED)) {
                assertTrue(Pixels.identical(original.mat(), again.mat()),
                        Pixels.describe(original.mat()) + " vs " + Pixels.describe(again.mat()));
            }
        }
    }

    @Test
    void jpegQuality95RoundTripKeepsPsnrOver38() {
        for (String path : new String[] {"orientation/exif-orientation-examples/Landscape_1.jpg",
                "large/exifr/canon-dslr.jpg", "valid/pillow/hopper.jpg", "valid/libjpeg-turbo/testorig.jpg"}) {
            try (ImageMat original = Imbytes.decode(TestImages.bytes(path))) {
                byte[] jpeg = Imbytes.encode(original.mat(), JpegOptions.quality(95));
                try (ImageMat again = Imbytes.decode(jpeg)) {
                    double psnr = Pixels.psnr(original.mat(), again.mat());
                    assertTrue(psnr >= 38, path + " PSNR " + psnr);
                }
            }
        }
    }

    @Test
    void webpLosslessRoundTripIsExact() {
        for (String path : new String[] {"valid/pillow/hopper.webp", "valid/libwebp-test-data/test.webp",
                "valid/pillow/hopper.jpg", "valid/pngsuite/basn2c08.png"}) {
            try (ImageMat original = Imbytes.decode(TestImages.bytes(path))) {
                byte[] webp = Imbytes.encode(original.mat(), WebpOptions.losslessDefaults());
                try (ImageMat again = Imbytes.decode(webp)) {
                    assertTrue(Pixels.identical(original.mat(), again.mat()), path);
                }
            }
        }
    }

    @Test
    void webpLosslessKeepsAlphaExactly() {
        try (ImageMat original = Imbytes.decode(TestImages.bytes("valid/libwebp-test-data/lossless1.webp"), UNCHANGED)) {
            assertEquals(4, original.channels());
            byte[] webp = Imbytes.encode(original.mat(), WebpOptions.losslessDefaults());
            try (ImageMat again = Imbytes.decode(webp, UNCHANGED)) {
                Mat a = new Mat();
                Mat b = new Mat();
                Core.extractChannel(original.mat(), a, 3);
                Core.extractChannel(again.mat(), b, 3);
                assertTrue(Pixels.identical(a, b), "alpha channel");
                a.release();
                b.release();
            }
        }
    }

    @Test
    void lossyWebpIsTheDefaultAndSmallerThanLossless() {
        try (ImageMat img = Imbytes.decode(TestImages.bytes("orientation/exif-orientation-examples/Landscape_1.jpg"))) {
            byte[] lossy = Imbytes.encode(img.mat(), Format.WEBP);
            byte[] lossless = Imbytes.encode(img.mat(), WebpOptions.losslessDefaults());
            assertTrue(lossy.length * 3 < lossless.length, lossy.length + " vs " + lossless.length);
        }
    }

    @Test
    void seedPathIsByteIdenticalToRawOpenCv() {
        // cv2: img = imdecode(buf, IMREAD_COLOR); img = resize(img, (500, 500), INTER_AREA); imencode(".jpg", img)
        for (String path : new String[] {"large/exifr/canon-dslr.jpg", "orientation/exif-orientation-examples/Landscape_1.jpg",
                "valid/pillow/hopper.jpg", "valid/pngsuite/basn2c08.png"}) {
            byte[] input = TestImages.bytes(path);
            byte[] raw = rawSeed(input, Imgcodecs.IMREAD_COLOR);  // AREA to shrink, CUBIC to enlarge, as documented
            Conversion seed = Conversion.to(Format.JPEG).withFit(Fit.exact(500, 500))
                    .withDecodeOptions(DecodeOptions.defaults().withShrinkOnLoad(false));
            assertArrayEquals(raw, Imbytes.convert(input, seed), path + " full decode");
        }
        // with shrink-on-load, the same as OpenCV's own reduced decode + the same resize
        byte[] photo = TestImages.bytes("large/exifr/canon-dslr.jpg");
        assertArrayEquals(rawSeed(photo, Imgcodecs.IMREAD_REDUCED_COLOR_4),
                Imbytes.convert(photo, Conversion.to(Format.JPEG).withFit(Fit.exact(500, 500))), "reduced decode");
    }

    private static byte[] rawSeed(byte[] input, int flags) {
        MatOfByte in = new MatOfByte(input);
        Mat img = Imgcodecs.imdecode(in, flags);
        Mat small = new Mat();
        int interpolation = img.cols() >= 500 && img.rows() >= 500 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC;
        Imgproc.resize(img, small, new Size(500, 500), 0, 0, interpolation);
        MatOfByte out = new MatOfByte();
        Imgcodecs.imencode(".jpg", small, out);
        byte[] bytes = out.toArray();
        in.release();
        img.release();
        small.release();
        out.release();
        return bytes;
    }

    @Test
    void sixteenBitIsKeptInPngAndTiffAndScaledForJpeg() {
        byte[] png16 = TestImages.bytes("valid/pngsuite/basn2c16.png");
        try (ImageMat img = Imbytes.decode(png16, UNCHANGED)) {
            assertEquals(CvType.CV_16U, img.mat().depth());
            for (Format f : new Format[] {Format.PNG, Format.TIFF}) {
                try (ImageMat again = Imbytes.decode(Imbytes.encode(img.mat(), f), UNCHANGED)) {
                    assertTrue(Pixels.identical(img.mat(), again.mat()), f + " keeps 16 bits");
                }
            }
            byte[] jpeg = Imbytes.encode(img.mat(), JpegOptions.quality(100).withSubsampling(ChromaSubsampling.S444));
            try (ImageMat eight = Imbytes.decode(png16); ImageMat fromJpeg = Imbytes.decode(jpeg)) {
                // scaled (v * 255 / 65535), not truncated (v & 0xff): a truncation would be noise
                assertTrue(Pixels.psnr(eight.mat(), fromJpeg.mat()) > 35, "16→8 scaled");
            }
        }
    }

    @Test
    void everyWritableInMemoryFormatRoundTrips() {
        try (ImageMat bgr = Imbytes.decode(TestImages.bytes("valid/pillow/hopper.jpg"))) {
            for (Format f : new Format[] {Format.PNG, Format.TIFF, Format.BMP, Format.PPM, Format.PAM}) {
                byte[] out = Imbytes.encode(bgr.mat(), f);
                try (ImageMat again = Imbytes.decode(out, DecodeOptions.defaults().allowingAllFormats())) {
                    assertTrue(Pixels.identical(bgr.mat(), again.mat()), f.toString());
                }
            }
            for (Format f : new Format[] {Format.PGM, Format.PBM}) {
                byte[] out = Imbytes.encode(bgr.mat(), f);
                try (ImageMat again = Imbytes.decode(out, DecodeOptions.defaults().allowingAllFormats()
                        .withMode(ReadMode.UNCHANGED))) {
                    assertEquals(1, again.channels(), f.toString());
                    assertEquals(bgr.width(), again.width());
                }
            }
        }
    }
}
