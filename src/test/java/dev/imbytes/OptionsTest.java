package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class OptionsTest {

    static void rejects(String mustMention, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(mustMention), x.getMessage());
    }

    @Test
    void outOfRangeOptionsNameTheOptionAndItsRange() {
        rejects("JPEG quality must be in 0..100", () -> JpegOptions.quality(101));
        rejects("JPEG quality", () -> JpegOptions.quality(-1));
        rejects("JPEG restart interval must be in 0..65535", () -> JpegOptions.defaults().withRestartInterval(70000));
        rejects("JPEG luma quality", () -> JpegOptions.defaults().withLumaQuality(200).withChromaQuality(50));
        rejects("PNG compression level must be in 0..9", () -> PngOptions.defaults().withCompressionLevel(10));
        rejects("WebP quality must be in 1..100", () -> WebpOptions.quality(0));
        rejects("JPEG 2000 rate", () -> Jpeg2000Options.defaults().withRate(1001));
        rejects("width must be > 0", () -> Fit.within(0, 5));
        rejects("height must be > 0", () -> Fit.exact(5, -1));
        rejects("scale factor", () -> Fit.scale(0));
        rejects("scale factor", () -> Fit.scale(Double.NaN));
        rejects("maxPixels must be > 0", () -> Limits.defaults().withMaxPixels(0));
        rejects("subsampling must be one of", () -> ChromaSubsampling.parse("423"));
        rejects("background colour", () -> Background.parse("#12"));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(95, JpegOptions.defaults().quality());
        assertEquals(ChromaSubsampling.S420, JpegOptions.defaults().subsampling());
        assertEquals(6, PngOptions.defaults().compressionLevel());
        assertEquals(80, WebpOptions.defaults().quality());
        assertEquals(false, WebpOptions.defaults().lossless());
        assertEquals(TiffOptions.Compression.LZW, TiffOptions.defaults().compression());
        assertEquals(ReadMode.COLOR, DecodeOptions.defaults().mode());
        assertTrue(DecodeOptions.defaults().applyOrientation());
        assertEquals(100_000_000L, Limits.defaults().maxPixels());
        assertEquals(DecodeOptions.DEFAULT_FORMATS, DecodeOptions.defaults().allowedFormats());
    }

    @Test
    void unsetIsAnEmptyOptionalNeverMinusOne() {
        assertEquals(OptionalInt.empty(), JpegOptions.defaults().lumaQuality());
        assertEquals(OptionalInt.empty(), JpegOptions.defaults().chromaQuality());
        JpegOptions both = JpegOptions.defaults().withLumaQuality(90).withChromaQuality(70);
        assertEquals(OptionalInt.of(90), both.lumaQuality());
        assertEquals(OptionalInt.of(70), both.chromaQuality());
        assertEquals(95, both.quality(), "the main quality is untouched");
        assertEquals(OptionalInt.empty(), Interpolation.AUTO.openCvFlag());
        assertEquals(OptionalInt.of(org.opencv.imgproc.Imgproc.INTER_LANCZOS4), Interpolation.LANCZOS4.openCvFlag());
    }

    @Test
    void tiffCompressionIsChosenWithWithCompression() {
        assertEquals(TiffOptions.Compression.DEFLATE,
                TiffOptions.defaults().withCompression(TiffOptions.Compression.DEFLATE).compression());
        try (ImageMat img = Imbytes.decode(TestImages.bytes("valid/pillow/hopper.jpg"))) {
            int stored = Imbytes.encode(img.mat(), TiffOptions.defaults().withCompression(TiffOptions.Compression.NONE)).length;
            int deflated = Imbytes.encode(img.mat(), TiffOptions.defaults().withCompression(TiffOptions.Compression.DEFLATE)).length;
            assertTrue(stored >= 128 * 128 * 3, "uncompressed holds every sample: " + stored);
            assertTrue(deflated < stored, "deflate " + deflated + " < none " + stored);
        }
    }

    @Test
    void fitComputesSizes() {
        assertEquals(new Size(500, 500), Fit.exact(500, 500).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(500, 333), Fit.within(500, 500).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(333, 500), Fit.within(500, 500).outputSize(new Size(1200, 1800)));
        assertEquals(new Size(750, 500), Fit.cover(500, 500).resizedSize(new Size(1800, 1200)));
        assertEquals(new Size(500, 500), Fit.cover(500, 500).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(300, 200), Fit.width(300).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(450, 300), Fit.height(300).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(900, 600), Fit.scale(0.5).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(3600, 2400), Fit.scale(2).outputSize(new Size(1800, 1200)));
        assertEquals(new Size(100, 50), Fit.within(500, 500).withUpscale(false).outputSize(new Size(100, 50)));
        assertEquals(new Size(1000, 500), Fit.within(1000, 1000).outputSize(new Size(100, 50)));
        assertEquals(new Size(80, 50), Fit.cover(80, 80).withUpscale(false).outputSize(new Size(100, 50)));
        assertEquals(new Size(10, 1), Fit.within(10, 10).outputSize(new Size(10_000, 1)), "never 0 pixels");
    }

    @Test
    void resizeProducesTheComputedSizes() {
        try (ImageMat img = Imbytes.decode(TestImages.bytes("valid/pillow/hopper.jpg"))) {
            for (Fit f : new Fit[] {Fit.exact(50, 20), Fit.within(60, 60), Fit.cover(60, 30), Fit.width(200),
                    Fit.height(10), Fit.scale(1.5), Fit.within(500, 500).withUpscale(false),
                    Fit.exact(64, 64).withInterpolation(Interpolation.LANCZOS4)}) {
                Size expected = f.outputSize(new Size(128, 128));
                try (ImageMat out = Imbytes.resize(img.mat(), f)) {
                    assertEquals(expected.width(), out.width(), f.toString());
                    assertEquals(expected.height(), out.height(), f.toString());
                }
            }
        }
    }

    @Test
    void formatsKnowTheirExtensionsAndMimeTypes() {
        assertEquals(Format.JPEG, Format.fromExtension(".jpg"));
        assertEquals(Format.JPEG, Format.fromExtension("JPEG"));
        assertEquals(Format.TIFF, Format.fromExtension("tiff"));
        assertEquals(Format.WEBP, Format.fromExtension(".WebP"));
        assertEquals(Format.JPEG2000, Format.fromExtension("jpeg2000"));
        assertEquals(Format.SUN_RASTER, Format.fromExtension("sunraster"));
        assertEquals("image/webp", Format.WEBP.mimeType());
        assertEquals(".png", Format.PNG.extension());
        assertThrows(UnsupportedFormatException.class, () -> Format.fromExtension(".xyz"));
        assertTrue(Format.JPEG.canRead() && Format.JPEG.canWrite());
        assertTrue(Format.WEBP.canWrite() && Format.TIFF.canWrite() && Format.BMP.canWrite());
        assertTrue(Format.GIF.canRead() && !Format.GIF.canWrite() && Format.GIF.readOnly(), "GIF is read by the JDK, never written");
        assertTrue(java.util.Arrays.stream(Format.values()).filter(Format::readOnly).toList().equals(java.util.List.of(Format.GIF)));
    }

    @Test
    void backgroundsParse() {
        assertEquals(Background.rgb(255, 136, 0), Background.parse("#ff8800"));
        assertEquals(Background.rgb(255, 136, 0), Background.parse("#f80"));
        assertEquals(Background.rgb(1, 2, 3), Background.parse("1,2,3"));
        assertEquals(Background.BLACK, Background.parse("black"));
    }

    @Test
    void jpegOptionsChangeTheOutput() {
        try (ImageMat img = Imbytes.decode(TestImages.bytes("orientation/exif-orientation-examples/Landscape_1.jpg"))) {
            int q95 = Imbytes.encode(img.mat(), JpegOptions.defaults()).length;
            int q50 = Imbytes.encode(img.mat(), JpegOptions.quality(50)).length;
            int s444 = Imbytes.encode(img.mat(), JpegOptions.defaults().withSubsampling(ChromaSubsampling.S444)).length;
            int optimized = Imbytes.encode(img.mat(), JpegOptions.defaults().withOptimize(true)).length;
            byte[] progressive = Imbytes.encode(img.mat(), JpegOptions.defaults().withProgressive(true));
            assertTrue(q50 < q95 && s444 > q95 && optimized < q95, q50 + " " + q95 + " " + s444 + " " + optimized);
            boolean sof2 = false;
            for (int i = 0; i + 1 < progressive.length; i++) {
                if ((progressive[i] & 0xff) == 0xff && (progressive[i + 1] & 0xff) == 0xc2) {
                    sof2 = true;
                    break;
                }
            }
            assertTrue(sof2, "progressive JPEG has an SOF2 marker");
            for (ChromaSubsampling s : ChromaSubsampling.values()) {
                byte[] out = Imbytes.encode(img.mat(), JpegOptions.defaults().withSubsampling(s).withRestartInterval(4)
                        .withLumaQuality(90).withChromaQuality(70));
                Imbytes.decode(out).close();
            }
        }
    }

    @Test
    void pngDefaultIsFarSmallerThanOpenCvsOwnDefault() {
        try (ImageMat img = Imbytes.decode(TestImages.bytes("orientation/exif-orientation-examples/Landscape_1.jpg"))) {
            int ours = Imbytes.encode(img.mat(), Format.PNG).length;
            org.opencv.core.MatOfByte raw = new org.opencv.core.MatOfByte();
            org.opencv.imgcodecs.Imgcodecs.imencode(".png", img.mat(), raw);
            long openCv = raw.total();
            raw.release();
            assertTrue(ours < openCv * 0.95, "level 6 " + ours + " vs OpenCV default " + openCv);
        }
    }
}
