package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.hostile.Java22;
import java.lang.management.ManagementFactory;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * {@link FrameEncoder} as its Javadoc promises, in this (Java 17) JVM, where it uses the system's
 * libturbojpeg through JNA: the bytes of {@code imencode} for BGR, BGRA, grey and region-of-interest
 * frames, into arrays and buffers, the too-small-buffer contract, no allocation per frame besides
 * the result, and its refusals. {@code TurboBindingsTest} covers FFM and the OpenCV fallback in
 * other JVMs.
 */
class FrameEncoderTest {

    private static Mat bgr;
    private static Mat bgra;
    private static Mat grey;
    private static Mat roi;

    @BeforeAll
    static void frames() {
        Java22.assumeOrFailOnCi(Java22.libTurboJpeg().isPresent() ? Optional.empty()
                : Optional.of("libturbojpeg.so.0 not installed (apt-get install libturbojpeg0)"), "FrameEncoderTest");
        Imbytes.openCvVersion();
        Mat photo = Imgcodecs.imdecode(new MatOfByte(TestImages.bytes("large/exifr/canon-dslr.jpg")),
                Imgcodecs.IMREAD_REDUCED_COLOR_4);
        bgr = new Mat();
        Imgproc.resize(photo, bgr, new Size(1920, 1080), 0, 0, Imgproc.INTER_AREA);
        photo.release();
        bgra = new Mat();
        Imgproc.cvtColor(bgr, bgra, Imgproc.COLOR_BGR2BGRA);
        Mat alpha = new Mat(bgr.size(), CvType.CV_8UC1, new Scalar(7)); // imencode drops it, does not flatten
        org.opencv.core.Core.insertChannel(alpha, bgra, 3);
        alpha.release();
        grey = new Mat();
        Imgproc.cvtColor(bgr, grey, Imgproc.COLOR_BGR2GRAY);
        roi = bgr.submat(new Rect(101, 33, 999, 555));
    }

    @AfterAll
    static void release() {
        for (Mat m : new Mat[] {roi, grey, bgra, bgr}) {
            if (m != null) {
                m.release();
            }
        }
    }

    private static byte[] imencode(Mat m, int quality) {
        MatOfByte out = new MatOfByte();
        assertTrue(Imgcodecs.imencode(".jpg", m, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality)));
        byte[] b = out.toArray();
        out.release();
        return b;
    }

    @Test
    void usesTheSystemLibturbojpegThroughJnaOnJava17() {
        try (FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80))) {
            String expected = Runtime.version().feature() < 22 ? "via JNA" : "via FFM";
            assertTrue(e.codec().startsWith("libjpeg-turbo (system ") && e.codec().endsWith(expected), e.codec());
            assertEquals(Imbytes.jpegCodec(), e.codec());
        }
    }

    @Test
    void everyKindOfFrameGetsImencodesBytes() {
        try (FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80))) {
            for (Mat m : new Mat[] {bgr, bgra, grey, roi, bgr}) { // bgr again: after the buffer was reused
                assertArrayEquals(imencode(m, 80), e.encode(m), m.toString());
            }
            assertTrue(!roi.isContinuous());
        }
    }

    @Test
    void aSmallFrameAfterALargeOneAndAFrameTooLargeToKeepABufferFor() {
        Mat huge = new Mat();
        Imgproc.resize(bgr, huge, new Size(3000, 2000)); // 4:4:4 worst case above the 16 MiB kept buffer
        Mat tiny = bgr.submat(new Rect(0, 0, 17, 9));
        JpegOptions q90s444 = JpegOptions.quality(90).withSubsampling(ChromaSubsampling.S444);
        try (FrameEncoder e = FrameEncoder.jpeg(q90s444)) {
            for (Mat m : new Mat[] {tiny, huge, tiny, bgr}) {
                MatOfByte out = new MatOfByte();
                Imgcodecs.imencode(".jpg", m, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90,
                        Imgcodecs.IMWRITE_JPEG_SAMPLING_FACTOR, ChromaSubsampling.S444.openCvValue()));
                assertArrayEquals(out.toArray(), e.encode(m), m.toString());
                out.release();
            }
        } finally {
            huge.release();
        }
    }

    @Test
    void intoABufferAtItsPosition() {
        byte[] expected = imencode(roi, 80);
        try (FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80))) {
            for (ByteBuffer b : new ByteBuffer[] {ByteBuffer.allocate(expected.length + 20),
                    ByteBuffer.allocateDirect(expected.length + 20)}) {
                b.position(5).limit(5 + expected.length + 1);
                assertEquals(expected.length, e.encode(roi, b));
                assertEquals(5 + expected.length, b.position());
                assertEquals(5 + expected.length + 1, b.limit(), "limit unchanged");
                byte[] got = new byte[expected.length];
                b.position(5);
                b.get(got);
                assertArrayEquals(expected, got);
            }
        }
    }

    @Test
    void aBufferTooSmallIsLeftAsItWas() {
        byte[] expected = imencode(bgr, 80);
        try (FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80))) {
            ByteBuffer small = ByteBuffer.allocate(expected.length + 2).position(3);
            assertThrows(BufferOverflowException.class, () -> e.encode(bgr, small));
            assertEquals(3, small.position());
            assertTrue(java.util.Arrays.equals(new byte[small.capacity()], small.array()), "nothing written");
            assertThrows(ReadOnlyBufferException.class,
                    () -> e.encode(bgr, ByteBuffer.allocate(expected.length).asReadOnlyBuffer()));
        }
    }

    /** The Javadoc's "allocates nothing but its result", measured by the JVM's per-thread counter. */
    @Test
    void noAllocationPerFrameBesidesTheResult() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long me = Thread.currentThread().getId();
        try (FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80))) {
            ByteBuffer out = ByteBuffer.allocateDirect(4 << 20);
            int length = 0;
            for (int i = 0; i < 20; i++) { // first frame of the size: the buffer is made
                out.clear();
                length = e.encode(bgr, out);
            }
            int frames = 50;
            long before = threads.getThreadAllocatedBytes(me);
            for (int i = 0; i < frames; i++) {
                out.clear();
                e.encode(bgr, out);
            }
            long intoBuffer = (threads.getThreadAllocatedBytes(me) - before) / frames;
            before = threads.getThreadAllocatedBytes(me);
            for (int i = 0; i < frames; i++) {
                e.encode(bgr);
            }
            long toArray = (threads.getThreadAllocatedBytes(me) - before) / frames;
            System.out.println("FrameEncoder 1920x1080 q80 (" + length + " bytes): " + intoBuffer
                    + " B/frame into a ByteBuffer, " + toArray + " B/frame into a new byte[]");
            assertTrue(intoBuffer < 64, intoBuffer + " bytes allocated per frame into a ByteBuffer");
            assertTrue(toArray < length + 64, toArray + " bytes allocated per frame for a " + length + "-byte result");
        }
    }

    @Test
    void optionsOnlyOpenCvReproducesGoThroughImencode() {
        JpegOptions optimized = JpegOptions.quality(80).withOptimize(true);
        try (FrameEncoder e = FrameEncoder.jpeg(optimized)) {
            assertEquals("OpenCV imencode", e.codec());
            MatOfByte out = new MatOfByte();
            Imgcodecs.imencode(".jpg", bgr, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 80,
                    Imgcodecs.IMWRITE_JPEG_OPTIMIZE, 1));
            assertArrayEquals(out.toArray(), e.encode(bgr));
            ByteBuffer b = ByteBuffer.allocate(out.toArray().length);
            assertEquals(b.capacity(), e.encode(bgr, b));
            out.release();
        }
    }

    @Test
    void refusesWhatItCannotEncodeAndUseAfterClose() {
        FrameEncoder e = FrameEncoder.jpeg(JpegOptions.quality(80));
        Mat deep = new Mat(8, 8, CvType.CV_16UC3);
        Mat twoChannels = new Mat(8, 8, CvType.CV_8UC2);
        try {
            for (Mat m : new Mat[] {new Mat(), deep, twoChannels}) {
                IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.encode(m));
                assertTrue(x.getMessage().startsWith("a frame must be"), x.getMessage());
            }
            assertThrows(NullPointerException.class, () -> e.encode(null));
            e.close();
            e.close(); // idempotent
            assertThrows(IllegalStateException.class, () -> e.encode(bgr));
            assertThrows(IllegalStateException.class, () -> e.encode(bgr, ByteBuffer.allocate(10)));
        } finally {
            deep.release();
            twoChannels.release();
        }
    }
}
