package dev.imbytes.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.internal.nativelib.NativeLibrary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The 1/8-scale rewrite of progressive JPEGs must not change a single decoded pixel, whatever the
 * chroma subsampling, and must leave alone every file it does not apply to. Progressive copies
 * are made here from real photos with OpenCV's own encoder (libjpeg's standard progression), plus
 * one progressive file as found in the wild.
 */
class EighthScaleJpegTest {
    private static final Path IMAGES = Path.of("native-test-images");

    @BeforeAll
    static void load() {
        NativeLibrary.ensureLoaded();
    }

    static Stream<Arguments> progressivePhotos() {
        String[] photos = {
            "orientation/exif-orientation-examples/Landscape_1.jpg",
            "orientation/exif-orientation-examples/Landscape_6.jpg",
        };
        int[] samplings = {
            Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422,
            Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_444, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_440,
            Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_411, 0, // 0: a greyscale file
        };
        Stream<Arguments> all = Stream.of(photos).flatMap(p -> java.util.stream.IntStream.of(samplings).mapToObj(s -> Arguments.of(p, s)));
        // a 12-megapixel camera photo, where the skipped work is largest
        return Stream.concat(all, Stream.of(Arguments.of("large/exifr/canon-dslr.jpg", Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_422)));
    }

    @ParameterizedTest(name = "{0} sampling {1}")
    @MethodSource("progressivePhotos")
    void sameDecodeAtOneEighthForEverySubsampling(String photo, int sampling) throws IOException {
        byte[] progressive = progressiveCopy(Files.readAllBytes(IMAGES.resolve(photo)), sampling);
        byte[] rewritten = EighthScaleJpeg.rewrite(ByteBuffer.wrap(progressive));
        assertNotNull(rewritten, "a progressive 8-bit file without restarts is rewritten");
        assertTrue(rewritten.length < progressive.length / 2,
                "the luma AC scans are gone: " + rewritten.length + " of " + progressive.length + " bytes");
        assertSameDecode(progressive, rewritten, Imgcodecs.IMREAD_REDUCED_COLOR_8);
        assertSameDecode(progressive, rewritten, Imgcodecs.IMREAD_REDUCED_GRAYSCALE_8);
    }

    @Test
    void sameDecodeOfAProgressiveFileFromTheWild() throws IOException {
        byte[] progressive = Files.readAllBytes(IMAGES.resolve("valid/thumbor/upscale2.jpg"));
        byte[] rewritten = EighthScaleJpeg.rewrite(ByteBuffer.wrap(progressive));
        assertNotNull(rewritten);
        assertSameDecode(progressive, rewritten, Imgcodecs.IMREAD_REDUCED_COLOR_8);
    }

    /**
     * Through the public pipeline: a thumbnail small enough for a 1/8 decode (which takes the
     * rewrite, and libturbojpeg when the system has it) equals the one made by the lenient path,
     * which decodes the original bytes through OpenCV.
     */
    @Test
    void theFacadesThumbnailIsTheSameAsWithoutTheRewrite() throws IOException {
        byte[] progressive = progressiveCopy(Files.readAllBytes(IMAGES.resolve("orientation/exif-orientation-examples/Landscape_6.jpg")),
                Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420);
        dev.imbytes.Conversion thumbnail = dev.imbytes.Conversion.to(dev.imbytes.Format.PNG)
                .withFit(dev.imbytes.Fit.within(128, 128));
        byte[] rewritten = dev.imbytes.Imbytes.convert(progressive, thumbnail);
        byte[] original = dev.imbytes.Imbytes.convert(progressive,
                thumbnail.withDecodeOptions(dev.imbytes.DecodeOptions.defaults().withLenient(true)));
        assertArrayEquals(original, rewritten);
    }

    @Test
    void readsFromTheBuffersPositionToItsLimitOfADirectBuffer() throws IOException {
        byte[] progressive = progressiveCopy(Files.readAllBytes(IMAGES.resolve("orientation/exif-orientation-examples/Landscape_1.jpg")),
                Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420);
        ByteBuffer direct = ByteBuffer.allocateDirect(progressive.length + 10);
        direct.position(7);
        direct.put(progressive);
        direct.position(7).limit(7 + progressive.length);
        assertArrayEquals(EighthScaleJpeg.rewrite(ByteBuffer.wrap(progressive)), EighthScaleJpeg.rewrite(direct));
        assertEquals(7, direct.position(), "the caller's buffer is not moved");
    }

    @Test
    void leavesAloneWhatItDoesNotApplyTo() throws IOException {
        byte[] baseline = Files.readAllBytes(IMAGES.resolve("orientation/exif-orientation-examples/Landscape_1.jpg"));
        assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap(baseline)), "baseline: nothing to skip");
        byte[] progressive = progressiveCopy(baseline, Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR_420);
        assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap(withRestartInterval(progressive))),
                "restart intervals would cut the end-of-band runs");
        assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})), "no frame");
        assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap(new byte[0])));
        assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap("not a jpeg".getBytes())));
        for (int cut = 2; cut < progressive.length; cut += 997) { // never an exception, whatever the length
            byte[] head = java.util.Arrays.copyOf(progressive, cut);
            assertNull(EighthScaleJpeg.rewrite(ByteBuffer.wrap(head)), "a file without EOI is left to the decoder");
        }
    }

    private static void assertSameDecode(byte[] original, byte[] rewritten, int flags) {
        Mat a = decode(original, flags);
        Mat b = decode(rewritten, flags);
        try {
            assertEquals(a.size(), b.size());
            assertEquals(a.type(), b.type());
            byte[] pa = new byte[(int) (a.total() * a.elemSize())];
            byte[] pb = new byte[pa.length];
            a.get(0, 0, pa);
            b.get(0, 0, pb);
            assertArrayEquals(pa, pb, "every pixel the same at 1/8");
        } finally {
            a.release();
            b.release();
        }
    }

    private static Mat decode(byte[] jpeg, int flags) {
        MatOfByte in = new MatOfByte(jpeg);
        try {
            Mat m = Imgcodecs.imdecode(in, flags | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
            assertTrue(!m.empty(), "decodes");
            return m;
        } finally {
            in.release();
        }
    }

    /** A progressive re-encoding (q92) of a photo; sampling 0 makes it greyscale. */
    static byte[] progressiveCopy(byte[] photo, int sampling) {
        MatOfByte in = new MatOfByte(photo);
        Mat pixels = Imgcodecs.imdecode(in, sampling == 0 ? Imgcodecs.IMREAD_GRAYSCALE : Imgcodecs.IMREAD_COLOR);
        MatOfByte out = new MatOfByte();
        MatOfInt params = sampling == 0
                ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1, Imgcodecs.IMWRITE_JPEG_QUALITY, 92)
                : new MatOfInt(Imgcodecs.IMWRITE_JPEG_PROGRESSIVE, 1, Imgcodecs.IMWRITE_JPEG_QUALITY, 92,
                        Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, sampling);
        try {
            assertTrue(Imgcodecs.imencode(".jpg", pixels, out, params));
            return out.toArray();
        } finally {
            in.release();
            pixels.release();
            out.release();
            params.release();
        }
    }

    /** The same file with a DRI segment (restart interval 4) after SOI. */
    private static byte[] withRestartInterval(byte[] jpeg) {
        byte[] out = new byte[jpeg.length + 6];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        byte[] dri = {(byte) 0xFF, (byte) 0xDD, 0, 4, 0, 4};
        System.arraycopy(dri, 0, out, 2, 6);
        System.arraycopy(jpeg, 2, out, 8, jpeg.length - 2);
        return out;
    }
}
