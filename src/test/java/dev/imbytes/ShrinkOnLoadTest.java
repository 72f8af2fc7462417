package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.internal.probe.ImageHeader;
import dev.imbytes.internal.pipeline.Plan;
import dev.imbytes.internal.pipeline.ResizeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Mat;

/**
 * Shrink-on-load (JPEG decoded at 1/2, 1/4 or 1/8 before the resize) against a full decode +
 * INTER_AREA, on real photos: the outputs must look the same (PSNR of the decoded pixels), keep the
 * EXIF orientation and work in grayscale; and the plan's factor choice, as plain data.
 */
class ShrinkOnLoadTest {
    private static final double MIN_PSNR = 35.0;

    static Stream<Arguments> cases() {
        List<String> photos = List.of(
                "large/exifr/canon-dslr.jpg",
                "large/exifr/iptc-mess.jpg",
                "orientation/exif-orientation-examples/Landscape_1.jpg",
                "orientation/exif-orientation-examples/Landscape_6.jpg");
        List<Arguments> out = new ArrayList<>();
        for (String p : photos) {
            out.add(Arguments.of(p, "exact 500x500", Fit.exact(500, 500)));
            out.add(Arguments.of(p, "fit 256", Fit.within(256, 256)));
            out.add(Arguments.of(p, "cover 300x200", Fit.cover(300, 200)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void shrinkOnLoadLooksLikeFullDecode(String path, String label, Fit fit) {
        byte[] input = TestImages.bytes(path);
        for (ReadMode mode : new ReadMode[] {ReadMode.COLOR, ReadMode.GRAYSCALE}) {
            Conversion shrink = Conversion.to(Format.PNG).withFit(fit)
                    .withDecodeOptions(DecodeOptions.defaults().withMode(mode));
            Conversion full = shrink.withDecodeOptions(shrink.decodeOptions().withShrinkOnLoad(false));
            assertTrue(shrink.decodeOptions().shrinkOnLoad(), "shrink-on-load is the default");
            ConversionResult a = Imbytes.convertDetailed(input, shrink);
            ConversionResult b = Imbytes.convertDetailed(input, full);
            try (ImageMat ma = Imbytes.decode(a.bytes(), DecodeOptions.defaults().withMode(ReadMode.UNCHANGED));
                 ImageMat mb = Imbytes.decode(b.bytes(), DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
                Mat x = ma.mat();
                Mat y = mb.mat();
                assertEquals(Pixels.describe(y), Pixels.describe(x), path + " " + label + " " + mode);
                Size expected = fit.outputSize(new Size(uprightWidth(path), uprightHeight(path)));
                assertEquals(expected.width(), x.cols(), "width " + path + " " + label);
                assertEquals(expected.height(), x.rows(), "height " + path + " " + label);
                assertEquals(mode == ReadMode.GRAYSCALE ? 1 : 3, x.channels());
                double psnr = Pixels.psnr(x, y);
                assertTrue(psnr >= MIN_PSNR, path + " " + label + " " + mode + ": PSNR " + psnr + " dB < " + MIN_PSNR);
            }
        }
    }

    /** Landscape_6 is stored 1200x1800 with orientation 6: both paths must turn it to 1800x1200. */
    @Test
    void orientationSurvivesShrinkOnLoad() {
        byte[] input = TestImages.bytes("orientation/exif-orientation-examples/Landscape_6.jpg");
        Conversion c = Conversion.to(Format.PNG).withFit(Fit.within(300, 300));
        ConversionResult shrunk = Imbytes.convertDetailed(input, c);
        assertEquals(300, shrunk.outputWidth());
        assertEquals(200, shrunk.outputHeight());
        // The same result as the upright reference (Landscape_1, no rotation needed), within tolerance.
        ConversionResult reference = Imbytes.convertDetailed(
                TestImages.bytes("orientation/exif-orientation-examples/Landscape_1.jpg"), c);
        try (ImageMat a = Imbytes.decode(shrunk.bytes()); ImageMat b = Imbytes.decode(reference.bytes())) {
            assertTrue(Pixels.psnr(a.mat(), b.mat()) >= 30, "Landscape_6 upright like Landscape_1");
        }
    }

    private static int uprightWidth(String path) {
        TestImages.Row r = TestImages.row(path);
        return r.appliedOrientation() >= 5 ? r.h() : r.w();
    }

    private static int uprightHeight(String path) {
        TestImages.Row r = TestImages.row(path);
        return r.appliedOrientation() >= 5 ? r.w() : r.h();
    }

    // ---------------------------------------------------------------- the plan, without pixels

    private static ImageHeader jpeg(int w, int h, int orientation) {
        return new ImageHeader(Format.JPEG, w, h, 3, 8, orientation, ColorModel.YCBCR, null);
    }

    private static int factor(ImageHeader h, Fit fit) {
        return Plan.of(h, true, fit, true).reduction();
    }

    @Test
    void planPicksTheLargestFactorThatStillCoversTheTarget() {
        ImageHeader canon = jpeg(5184, 3456, 1);
        assertEquals(4, factor(canon, Fit.exact(500, 500)));      // 1296x864 covers 500x500; 648x432 does not
        assertEquals(8, factor(canon, Fit.within(256, 256)));     // 648x432 covers 256x171
        assertEquals(8, factor(canon, Fit.cover(300, 200)));      // 648x432 covers 300x200
        assertEquals(2, factor(canon, Fit.width(2000)));          // 2592 >= 2000 > 1296
        assertEquals(1, factor(canon, Fit.width(3000)));          // needs the full size
        assertEquals(1, factor(canon, Fit.scale(1.5)));           // enlarging: never reduced
        ImageHeader photo = jpeg(1800, 1200, 1);
        assertEquals(2, factor(photo, Fit.exact(500, 500)));      // 900x600; 450x300 would not cover
        assertEquals(4, factor(photo, Fit.within(256, 256)));     // 450x300 covers 256x171; 225x150 does not
        assertEquals(1, factor(photo, Fit.exact(1000, 700)));
        // Exactly covering counts (ceil division): 1800/8 = 225.
        assertEquals(8, factor(photo, Fit.exact(225, 150)));
        assertEquals(4, factor(photo, Fit.exact(226, 150)));
    }

    @Test
    void planUsesTheUprightSizeForRotatedImages() {
        ImageHeader rotated = jpeg(1200, 1800, 6); // upright 1800x1200
        Plan p = Plan.of(rotated, true, Fit.exact(450, 150), true);
        assertEquals(6, p.orientation());
        assertEquals(new Size(1800, 1200), p.upright());
        assertEquals(4, p.reduction()); // 450x300 covers 450x150
        // Ignoring orientation: the stored 1200x1800 must cover 450 wide: 1/2 (600) but not 1/4 (300).
        assertEquals(2, Plan.of(rotated, false, Fit.exact(450, 150), true).reduction());
    }

    /** The plan computes the resize once, from the upright size, and carries it to the resize. */
    @Test
    void planCarriesTheResizeSizeComputedFromTheUprightSize() {
        ImageHeader rotated = jpeg(1200, 1800, 6); // upright 1800x1200
        ResizeTarget cover = Plan.of(rotated, true, Fit.cover(500, 500), true).resize().orElseThrow();
        assertEquals(new Size(750, 500), cover.resized());
        assertEquals(new Size(500, 500), cover.output());
        ResizeTarget stored = Plan.of(rotated, false, Fit.cover(500, 500), true).resize().orElseThrow();
        assertEquals(new Size(500, 750), stored.resized(), "orientation ignored: the stored size");
        Plan noShrink = Plan.of(rotated, true, Fit.within(256, 256).withInterpolation(Interpolation.LANCZOS4), false);
        assertEquals(1, noShrink.reduction(), "shrink-on-load off");
        assertEquals(new ResizeTarget(new Size(256, 171), new Size(256, 171), Interpolation.LANCZOS4),
                noShrink.resize().orElseThrow(), "the resize is planned with shrink-on-load off too");
        assertTrue(Plan.of(rotated, true, null, true).resize().isEmpty(), "no fit, no resize");
    }

    @Test
    void planReducesOnlyJpegAndOnlyWithAResize() {
        assertEquals(1, factor(jpeg(5184, 3456, 1), null));
        ImageHeader png = new ImageHeader(Format.PNG, 5184, 3456, 3, 8, -1, ColorModel.RGB, null);
        assertEquals(1, factor(png, Fit.within(256, 256)));
        ImageHeader cmyk = new ImageHeader(Format.JPEG, 5184, 3456, 4, 8, -1, ColorModel.CMYK, null);
        assertEquals(1, factor(cmyk, Fit.within(256, 256)));
        ImageHeader unknownSize = jpeg(0, 0, 1);
        assertEquals(1, factor(unknownSize, Fit.within(256, 256)));
    }
}
