package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.internal.nativelib.MatCounter;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The files OpenCV 4.9 refuses or misreads (issue 13) against Pillow's first frame or page, made by
 * {@code src/test/resources/pillow-reference/make_references.py}, and the bounds that still apply
 * on those routes: the probe's size and frame limits, the allow-list, strict damage checks.
 */
class FormatReferenceTest {
    private static final Path REFERENCES = Path.of("src/test/resources/pillow-reference");
    private static final double IDENTICAL = Double.POSITIVE_INFINITY;

    /** File, and the PSNR floor against Pillow (identical where our decode is bit-exact today). */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("valid/pillow/iss634.gif", IDENTICAL),
                Arguments.of("valid/pillow/chi.gif", IDENTICAL),
                Arguments.of("valid/pillow/dispose_bgnd.gif", IDENTICAL),
                Arguments.of("valid/pillow/iss634.webp", IDENTICAL),
                Arguments.of("valid/libwebp-test-data/one_color_no_palette.webp", IDENTICAL),
                Arguments.of("valid/pillow/sugarshack.mpo", IDENTICAL),
                Arguments.of("valid/pillow/frozenpond.mpo", IDENTICAL),
                Arguments.of("valid/pillow/multipage.tiff", IDENTICAL),
                Arguments.of("valid/pillow/pal8os2.bmp", IDENTICAL),
                // Pillow converts CIELab itself, the JDK through linear RGB in 8 bits: 31.0 dB measured
                Arguments.of("valid/pillow/hopper.Lab.tif", 30.0),
                // Pillow un-premultiplies in 8 bits, imbytes in 16: they differ where alpha is near 0 (33.2 dB)
                Arguments.of("valid/pillow/tiff_16bit_RGBa.tiff", 30.0),
                Arguments.of("valid/pillow/tiff_strip_planar_16bit_RGBa.tiff", 30.0));
    }

    @org.junit.jupiter.api.BeforeAll
    static void loadOpenCv() {
        Imbytes.openCvVersion(); // the reference is read with OpenCV's own imread
    }

    @ParameterizedTest
    @MethodSource("files")
    void firstFrameOrPageMatchesPillow(String file, double floor) {
        firstFrameOrPageMatches(file, Path.of(file).getFileName().toString(), floor);
    }

    private static void firstFrameOrPageMatches(String file, String name, double floor) {
        Mat reference = Imgcodecs.imread(REFERENCES.resolve(name + ".png").toString(), Imgcodecs.IMREAD_UNCHANGED);
        assertTrue(!reference.empty(), "reference missing for " + file);
        try (ImageMat image = Imbytes.decode(TestImages.bytes(file), DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            Mat ours = eightBit(image.mat(), reference.channels());
            try {
                assertEquals(reference.size(), ours.size(), file);
                double psnr = Pixels.psnr(ours, reference);
                if (floor == IDENTICAL) {
                    assertTrue(Pixels.identical(ours, reference), file + ": " + psnr + " dB, expected identical");
                } else {
                    assertTrue(psnr >= floor, file + ": " + psnr + " dB < " + floor);
                }
            } finally {
                ours.release();
            }
        } finally {
            reference.release();
        }
    }

    @Test
    void os2BitmapWithTheSixteenByteHeaderHasThePixelsOfItsOs2OneSibling() {
        // Pillow refuses this bmpsuite "questionable" file; bmpsuite draws the same image in both
        firstFrameOrPageMatches("valid/pillow/pal8os2v2-16.bmp", "pal8os2.bmp", IDENTICAL);
    }

    @Test
    void theJdkReadersNeverWriteACacheFile() throws Exception {
        assertTrue(ImageIO.getUseCache(), "ImageIO's default: streams may be cached on disk");
        Path dir = ImageIO.getCacheDirectory() != null ? ImageIO.getCacheDirectory().toPath()
                : Path.of(System.getProperty("java.io.tmpdir"));
        java.util.List<String> created = imageIoFilesCreatedIn(dir, () -> {
            for (String file : new String[] {"valid/pillow/chi.gif", "valid/pillow/hopper.Lab.tif",
                    "valid/pillow/tiff_strip_planar_16bit_RGBa.tiff"}) {
                Imbytes.decode(TestImages.bytes(file)).close();
            }
        });
        assertEquals(java.util.List.of(), created, "ImageIO cache files");
        // the watch sees the cache file ImageIO's own stream factory makes (so the check can fail)
        java.util.List<String> control = imageIoFilesCreatedIn(dir, () -> {
            try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(
                    new java.io.ByteArrayInputStream(TestImages.bytes("valid/pillow/chi.gif")))) {
                in.read();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(1, control.size(), "control: ImageIO.createImageInputStream caches on disk");
    }

    private static java.util.List<String> imageIoFilesCreatedIn(Path dir, Runnable work) throws Exception {
        java.util.List<String> created = new java.util.ArrayList<>();
        try (java.nio.file.WatchService watch = java.nio.file.FileSystems.getDefault().newWatchService()) {
            java.nio.file.WatchKey key = dir.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
            work.run();
            Thread.sleep(200);
            for (java.nio.file.WatchEvent<?> e : key.pollEvents()) {
                String name = String.valueOf(e.context());
                if (name.startsWith("imageio")) { // other processes share the folder
                    created.add(name);
                }
            }
            key.cancel();
        }
        return created;
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyModeGivesItsForm(String file, double floor) {
        for (ReadMode mode : EnumSet.of(ReadMode.COLOR, ReadMode.GRAYSCALE)) {
            try (ImageMat image = Imbytes.decode(TestImages.bytes(file), DecodeOptions.defaults().withMode(mode))) {
                assertEquals(mode == ReadMode.COLOR ? CvType.CV_8UC3 : CvType.CV_8UC1, image.mat().type(), file + " " + mode);
            }
        }
    }

    /** {@code m} as 8-bit BGR or BGRA ({@code channels}), a copy the caller releases. */
    private static Mat eightBit(Mat m, int channels) {
        Mat narrow = new Mat();
        m.convertTo(narrow, CvType.CV_8U, m.depth() == CvType.CV_16U ? 255.0 / 65535.0 : 1.0);
        if (narrow.channels() == channels) {
            return narrow;
        }
        Mat out = new Mat();
        int code = channels == 4 ? (narrow.channels() == 1 ? Imgproc.COLOR_GRAY2BGRA : Imgproc.COLOR_BGR2BGRA)
                : (narrow.channels() == 1 ? Imgproc.COLOR_GRAY2BGR : Imgproc.COLOR_BGRA2BGR);
        Imgproc.cvtColor(narrow, out, code);
        narrow.release();
        return out;
    }

    @Test
    void gifBombIsRefusedFromTheProbeWithDefaultOptions() {
        byte[] bomb = TestImages.bytes("bombs/pillow/decompression_bomb.gif");
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> Imbytes.decode(bomb));
        assertTrue(e.getMessage().contains("65535x66601"), e.getMessage());
    }

    @Test
    void gifWithMoreThanTenThousandFramesIsRefused() {
        byte[] gif = gif(4, 4, 0, 0, 10_001);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> Imbytes.info(gif));
        assertTrue(e.getMessage().contains("more than 10000 frames"), e.getMessage());
        try (ImageMat ok = Imbytes.decode(gif(4, 4, 0, 0, 10_000))) {
            assertEquals(4, ok.width());
        }
    }

    @Test
    void gifCutInsideItsFirstFrameIsDamagedWhenStrict() {
        byte[] whole = TestImages.bytes("valid/pillow/iss634.gif");
        byte[] cut = Arrays.copyOf(whole, 3000);
        CorruptImageException e = assertThrows(CorruptImageException.class, () -> Imbytes.decode(cut));
        assertTrue(e.getMessage().contains("truncated inside the first frame"), e.getMessage());
        // the JDK's reader does not recover a cut frame: lenient decoding gets a typed refusal too
        assertThrows(CorruptImageException.class, () -> Imbytes.decode(cut, DecodeOptions.defaults().withLenient(true)));
    }

    @Test
    void gifFirstFrameSmallerThanTheScreenIsPlacedOnATransparentCanvas() {
        try (ImageMat image = Imbytes.decode(gif(8, 6, 4, 2, 1), DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            Mat m = image.mat();
            assertEquals(8, m.cols());
            assertEquals(6, m.rows());
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.get(0, 0));
            assertArrayEquals(new double[] {255, 0, 0, 255}, m.get(3, 5), "blue frame at x 4, y 2"); // BGRA
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.get(1, 7));
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.get(4, 2));
        }
    }

    @Test
    void gifIsRefusedWhenTheAllowListLeavesItOut() {
        DecodeOptions noGif = DecodeOptions.defaults().withAllowedFormats(EnumSet.of(Format.PNG));
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Imbytes.decode(TestImages.bytes("valid/pillow/hopper.gif"), noGif));
        assertTrue(e.getMessage().contains("GIF input is not allowed"), e.getMessage());
        assertTrue(DecodeOptions.DEFAULT_FORMATS.contains(Format.GIF));
    }

    @Test
    void writingGifIsRefusedClearly() {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Imbytes.convert(TestImages.bytes("valid/pillow/hopper.gif"), Conversion.to(Format.GIF)));
        assertTrue(e.getMessage().contains("writing GIF is not supported"), e.getMessage());
    }

    @Test
    void animatedWebpWithAHugeCanvasIsRefusedByTheProbe() {
        byte[] webp = TestImages.bytes("valid/pillow/iss634.webp").clone();
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("VP8X", new String(webp, 12, 4, StandardCharsets.US_ASCII));
        putU24(b, 24, 16383); // canvas 16384 x 16384 = 268 MP
        putU24(b, 27, 16383);
        ImageTooLargeException e = assertThrows(ImageTooLargeException.class, () -> Imbytes.decode(webp));
        assertTrue(e.getMessage().contains("16384x16384"), e.getMessage());
    }

    @Test
    void animatedWebpFirstFrameSmallerThanTheCanvasIsPlacedOnATransparentCanvas() {
        Mat red = new Mat(4, 6, CvType.CV_8UC3, new Scalar(0, 0, 255));
        byte[] still;
        try {
            still = Imbytes.encode(red, WebpOptions.defaults().withLossless(true));
        } finally {
            red.release();
        }
        byte[] animated = animatedWebp(still, 10, 8, 2, 4, 6, 4);
        try (ImageMat image = Imbytes.decode(animated, DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            Mat m = image.mat();
            assertEquals(10, m.cols());
            assertEquals(8, m.rows());
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.get(0, 0));
            assertArrayEquals(new double[] {0, 0, 255, 255}, m.get(5, 3), "frame at 2,4");
            assertArrayEquals(new double[] {0, 0, 0, 0}, m.get(7, 9));
        }
        try (ImageMat colour = Imbytes.decode(animated)) {
            assertEquals(CvType.CV_8UC3, colour.mat().type());
        }
    }

    /**
     * A GIF89a with a {@code screenW} × {@code screenH} screen, two colours (red, blue) and
     * {@code frames} blue 4 × 4 frames at ({@code x}, {@code y}); the frames' data written by the JDK's GIF writer.
     */
    private static byte[] gif(int screenW, int screenH, int x, int y, int frames) {
        byte[] single = jdkGif();
        int descriptor = indexOf(single, new byte[] {0x2C, 0, 0, 0, 0, 4, 0, 4, 0});
        int trailer = single.length - 1;
        byte[] frame = Arrays.copyOfRange(single, descriptor, trailer);
        frame[1] = (byte) x;
        frame[3] = (byte) y;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(single, 0, descriptor);
        byte[] head = out.toByteArray();
        head[6] = (byte) screenW;
        head[8] = (byte) screenH;
        out.reset();
        out.writeBytes(head);
        for (int i = 0; i < frames; i++) {
            out.writeBytes(frame);
        }
        out.write(0x3B);
        return out.toByteArray();
    }

    private static byte[] jdkGif() {
        IndexColorModel palette = new IndexColorModel(1, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 255});
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int yy = 0; yy < 4; yy++) {
            for (int xx = 0; xx < 4; xx++) {
                image.getRaster().setSample(xx, yy, 0, 1);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(image, "gif", out));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    /** A one-frame animated WebP: {@code still}'s image chunk at ({@code x}, {@code y}) of a canvas. */
    private static byte[] animatedWebp(byte[] still, int canvasW, int canvasH, int x, int y, int w, int h) {
        assertEquals("VP8L", new String(still, 12, 4, StandardCharsets.US_ASCII), "a simple lossless file");
        byte[] image = Arrays.copyOfRange(still, 12, still.length);
        int anmf = 16 + image.length;
        int body = 4 + 18 + 14 + 8 + anmf + (anmf & 1);
        ByteBuffer b = ByteBuffer.allocate(8 + body).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).put((byte) 0x12).put(new byte[3]);
        putU24(b, b.position(), canvasW - 1);
        putU24(b, b.position() + 3, canvasH - 1);
        b.position(b.position() + 6);
        b.put("ANIM".getBytes(StandardCharsets.US_ASCII)).putInt(6).putInt(0).putShort((short) 0);
        b.put("ANMF".getBytes(StandardCharsets.US_ASCII)).putInt(anmf);
        int p = b.position();
        putU24(b, p, x / 2);
        putU24(b, p + 3, y / 2);
        putU24(b, p + 6, w - 1);
        putU24(b, p + 9, h - 1);
        putU24(b, p + 12, 100);
        b.position(p + 16).put(image);
        return b.array();
    }

    private static void putU24(ByteBuffer b, int at, int v) {
        b.put(at, (byte) v).put(at + 1, (byte) (v >> 8)).put(at + 2, (byte) (v >> 16));
    }

    @AfterAll
    static void everyMatWasReleased() {
        assertEquals(0, MatCounter.live(), "Mats made by imbytes and not released");
    }
}
