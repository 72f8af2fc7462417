package dev.imbytes.internal.codec;

import dev.imbytes.TestImages;
import dev.imbytes.internal.nativelib.NativeLibrary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.ColorModel;
import dev.imbytes.CorruptImageException;
import dev.imbytes.Imbytes;
import dev.imbytes.internal.probe.HeaderProbe;
import dev.imbytes.internal.probe.ImageHeader;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

class CmykJpegDecoderTest {
    private static final Path SAMPLE = TestImages.fixture("valid/pillow/pil_sample_cmyk.jpg");

    /**
     * Against libjpeg-turbo's djpeg (see src/test/resources/reference/README.md). Both sides do the
     * same arithmetic on the same coefficients: the JDK bundles IJG libjpeg with the same default
     * integer IDCT, and the YCbCr -> RGB fixed-point rounding may differ by one level. So the mean
     * absolute difference per channel must stay below 0.5 (a systematic error of a single level on
     * every pixel, e.g. a wrong rounding or an off-by-one in the K product, would exceed that) and
     * no sample may be off by more than 2 (anything from a wrong equation or an inverted channel is
     * off by tens to hundreds of levels).
     */
    @Test
    void ycckSampleMatchesDjpegReference() throws IOException {
        byte[] jpeg = Files.readAllBytes(SAMPLE);
        CmykJpegDecoder.DecodedBgr out = CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), true, true, null);
        assertEquals(100, out.width());
        assertEquals(100, out.height());
        assertEquals(100 * 100 * 3, out.bgr().length);

        byte[] rgb = readPpm("/reference/pil_sample_cmyk.ppm", 100, 100);
        double[] sum = new double[3];
        int max = 0;
        for (int i = 0; i < 100 * 100; i++) {
            for (int ch = 0; ch < 3; ch++) {
                int ours = out.bgr()[i * 3 + ch] & 0xff; // B, G, R
                int ref = rgb[i * 3 + (2 - ch)] & 0xff; // R, G, B
                int diff = Math.abs(ours - ref);
                sum[ch] += diff;
                max = Math.max(max, diff);
            }
        }
        double[] mean = {sum[0] / 10000, sum[1] / 10000, sum[2] / 10000};
        System.out.printf("pil_sample_cmyk.jpg vs djpeg: mean |diff| B=%.4f G=%.4f R=%.4f, max=%d%n",
                mean[0], mean[1], mean[2], max);
        for (int ch = 0; ch < 3; ch++) {
            assertTrue(mean[ch] < 0.5, "channel " + "BGR".charAt(ch) + " mean |diff| " + mean[ch]);
        }
        assertTrue(max <= 2, "max |diff| " + max);
    }

    @Test
    void inputBufferIsNotModifiedAndAnyBufferKindWorks() throws IOException {
        byte[] jpeg = Files.readAllBytes(SAMPLE);
        byte[] expected = CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), true, true, null).bgr();

        // A slice of a larger array: position 7, limit 7 + length, array offset 0.
        byte[] padded = new byte[jpeg.length + 20];
        System.arraycopy(jpeg, 0, padded, 7, jpeg.length);
        ByteBuffer window = ByteBuffer.wrap(padded, 7, jpeg.length);
        assertArrayEquals(expected, CmykJpegDecoder.decode(window, true, true, null).bgr());
        assertEquals(7, window.position());
        assertEquals(7 + jpeg.length, window.limit());

        // A sliced buffer (non-zero array offset) and a direct buffer.
        ByteBuffer sliced = ByteBuffer.wrap(padded, 7, jpeg.length).slice();
        assertArrayEquals(expected, CmykJpegDecoder.decode(sliced, true, true, null).bgr());
        ByteBuffer direct = ByteBuffer.allocateDirect(jpeg.length).put(jpeg).flip();
        assertArrayEquals(expected, CmykJpegDecoder.decode(direct, true, true, null).bgr());
        assertEquals(0, direct.position());
        assertEquals(jpeg.length, direct.limit());
    }

    // Ink amounts (0 = none, 255 = full) of six 16x16 patches, and the BGR expected from the naive
    // conversion B = 255 (1 - y)(1 - k) etc.: pure cyan, magenta, yellow, black, white (paper), and
    // half cyan with half black: R = 127 * 127 / 255 = 63, G = B = 127.
    private static final int[][] INK = {
        {255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}, {0, 0, 0, 0}, {128, 0, 0, 128}};
    private static final int[][] BGR = {
        {255, 255, 0}, {255, 0, 255}, {0, 255, 255}, {0, 0, 0}, {255, 255, 255}, {127, 127, 63}};
    private static final int PATCH = 16; // two 8x8 blocks wide, so every block is flat

    /** Plain CMYK without an Adobe marker: samples are ink amounts. */
    @Test
    void plainCmykPatches() throws IOException {
        byte[] jpeg = writeFourBand(PLAIN);
        assertEquals(-1, indexOf(jpeg, "Adobe"), "the JDK writer adds no Adobe marker to a raster");
        assertPatches(CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), false, false, null));
    }

    /** Adobe CMYK (transform 0): samples are 255 - ink. */
    @Test
    void adobeCmykPatches() throws IOException {
        byte[] jpeg = withAdobeMarker(writeFourBand(ADOBE_CMYK), 0);
        CmykJpegDecoder.DecodedBgr out = CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), false, true, null);
        assertPatches(out);
        assertCloseToOpenCv(jpeg, out);
    }

    /**
     * Adobe YCCK (transform 2): the complemented Adobe samples (255 - stored = ink) are coded as if
     * they were R, G, B with the JFIF RGB -> YCbCr equations; K is stored as in Adobe CMYK.
     */
    @Test
    void adobeYcckPatches() throws IOException {
        byte[] jpeg = withAdobeMarker(writeFourBand(ADOBE_YCCK), 2);
        CmykJpegDecoder.DecodedBgr out = CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), true, true, null);
        assertPatches(out);
        assertCloseToOpenCv(jpeg, out);
    }

    /**
     * Through the public decode: the CMYK path takes YCCK-or-CMYK and inverted-or-plain from the
     * probe's header (its Adobe transform), not from a second walk over the markers. Each of the
     * three conventions must come out as the same patches; a wrong reading of either flag turns
     * them to near-black or to complemented colours.
     */
    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 2})
    void theFacadeDecodesWithTheProbesAdobeTransform(int transform) throws IOException {
        byte[] jpeg = transform < 0 ? writeFourBand(PLAIN)
                : withAdobeMarker(writeFourBand(transform == 2 ? ADOBE_YCCK : ADOBE_CMYK), transform);
        ImageHeader header = HeaderProbe.probe(ByteBuffer.wrap(jpeg));
        assertEquals(transform, header.adobeTransform());
        assertEquals(transform == 2 ? ColorModel.YCCK : ColorModel.CMYK, header.colorModel());

        BufferedImage image = Imbytes.decodeToBufferedImage(jpeg);
        byte[] bgr = new byte[image.getWidth() * image.getHeight() * 3];
        for (int y = 0, i = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++, i += 3) {
                int rgb = image.getRGB(x, y);
                bgr[i] = (byte) rgb;
                bgr[i + 1] = (byte) (rgb >> 8);
                bgr[i + 2] = (byte) (rgb >> 16);
            }
        }
        assertPatches(new CmykJpegDecoder.DecodedBgr(image.getWidth(), image.getHeight(), bgr));
    }

    /** Cut inside the scan (or the headers): libjpeg would fill in grey; we refuse. */
    @ParameterizedTest
    @ValueSource(ints = {20000, 14682, 2000, 900, 100, 10, 2})
    void truncatedFileIsCorrupt(int keep) throws IOException {
        byte[] cut = Arrays.copyOf(Files.readAllBytes(SAMPLE), keep);
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> CmykJpegDecoder.decode(ByteBuffer.wrap(cut), true, true, null));
        assertTrue(e.getMessage().startsWith("JPEG ("), e.getMessage());
        assertTrue(e.getMessage().contains(keep + " bytes"), e.getMessage());
    }

    /** Only the EOI marker missing: every pixel is present, so it decodes as the whole file does. */
    @Test
    void missingEndMarkerOnlyStillDecodes() throws IOException {
        byte[] jpeg = Files.readAllBytes(SAMPLE);
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 2);
        assertArrayEquals(CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), true, true, null).bgr(),
                CmykJpegDecoder.decode(ByteBuffer.wrap(cut), true, true, null).bgr());
    }

    @Test
    void threeComponentJpegIsRefused() throws IOException {
        byte[] jpeg = TestImages.bytes("valid/pillow/hopper.jpg");
        CorruptImageException e = assertThrows(CorruptImageException.class,
                () -> CmykJpegDecoder.decode(ByteBuffer.wrap(jpeg), false, false, null));
        assertTrue(e.getMessage().contains("expected 4 components"), e.getMessage());
    }

    @Test
    void emptyInputIsCorrupt() {
        assertThrows(CorruptImageException.class,
                () -> CmykJpegDecoder.decode(ByteBuffer.allocate(0), true, true, null));
    }

    // ---- helpers ----

    private interface Samples {
        void fill(int[] ink, int[] stored);
    }

    /** Plain CMYK: the samples are the ink amounts. */
    private static final Samples PLAIN = (ink, s) -> System.arraycopy(ink, 0, s, 0, 4);

    /** Adobe CMYK (transform 0): samples are 255 - ink. */
    private static final Samples ADOBE_CMYK = (ink, s) -> {
        for (int i = 0; i < 4; i++) {
            s[i] = 255 - ink[i];
        }
    };

    /**
     * Adobe YCCK (transform 2): the complemented Adobe samples (255 - stored = ink) are coded as if
     * they were R, G, B with the JFIF RGB -> YCbCr equations; K is stored as in Adobe CMYK.
     */
    private static final Samples ADOBE_YCCK = (ink, s) -> {
        double r = ink[0];
        double g = ink[1];
        double b = ink[2];
        s[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
        s[1] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        s[2] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        s[3] = 255 - ink[3];
    };

    /** A 4-band JPEG with the INK patches side by side, written by the JDK with samples as given. */
    private static byte[] writeFourBand(Samples samples) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE,
                PATCH * INK.length, PATCH, 4, null);
        int[] stored = new int[4];
        for (int p = 0; p < INK.length; p++) {
            samples.fill(INK[p], stored);
            for (int y = 0; y < PATCH; y++) {
                for (int x = 0; x < PATCH; x++) {
                    raster.setPixel(p * PATCH + x, y, stored);
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            // A raster is written as its samples, with no colour conversion and no Adobe marker.
            writer.write(null, new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Inserts an Adobe APP14 segment (version 100, no flags, the given transform) after SOI. */
    private static byte[] withAdobeMarker(byte[] jpeg, int transform) {
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
            (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    private static void assertPatches(CmykJpegDecoder.DecodedBgr out) {
        assertEquals(PATCH * INK.length, out.width());
        assertEquals(PATCH, out.height());
        for (int p = 0; p < INK.length; p++) {
            for (int[] xy : new int[][] {{4, 4}, {8, 8}, {12, 12}}) {
                int i = (xy[1] * out.width() + p * PATCH + xy[0]) * 3;
                int[] got = {out.bgr()[i] & 0xff, out.bgr()[i + 1] & 0xff, out.bgr()[i + 2] & 0xff};
                for (int ch = 0; ch < 3; ch++) {
                    // JPEG quantisation of a flat block moves it by at most a level or two.
                    assertTrue(Math.abs(got[ch] - BGR[p][ch]) <= 3, "patch " + p + " at " + Arrays.toString(xy)
                            + ": got BGR " + Arrays.toString(got) + ", expected " + Arrays.toString(BGR[p]));
                }
            }
        }
    }

    /**
     * For Adobe files OpenCV 4.9 applies the same naive formula (with >> 8 for / 255), so both must
     * agree within a couple of levels everywhere.
     */
    private static void assertCloseToOpenCv(byte[] jpeg, CmykJpegDecoder.DecodedBgr out) {
        NativeLibrary.ensureLoaded();
        Mat mat = Imgcodecs.imdecode(new MatOfByte(jpeg), Imgcodecs.IMREAD_COLOR);
        try {
            assertEquals(out.width(), mat.cols());
            assertEquals(out.height(), mat.rows());
            byte[] cv = new byte[out.bgr().length];
            mat.get(0, 0, cv);
            for (int i = 0; i < cv.length; i++) {
                int diff = Math.abs((cv[i] & 0xff) - (out.bgr()[i] & 0xff));
                assertTrue(diff <= 3, "sample " + i + " differs from OpenCV by " + diff);
            }
        } finally {
            mat.release();
        }
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads a binary PPM (P6, maxval 255) as written by djpeg: "P6\n<w> <h>\n255\n" + RGB. */
    private static byte[] readPpm(String resource, int width, int height) throws IOException {
        try (InputStream in = CmykJpegDecoderTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, "missing test resource " + resource);
            byte[] all = in.readAllBytes();
            String header = "P6\n" + width + " " + height + "\n255\n";
            byte[] h = header.getBytes(StandardCharsets.US_ASCII);
            assertArrayEquals(h, Arrays.copyOf(all, h.length), "unexpected PPM header");
            assertEquals(h.length + width * height * 3, all.length);
            return Arrays.copyOfRange(all, h.length, all.length);
        }
    }
}
