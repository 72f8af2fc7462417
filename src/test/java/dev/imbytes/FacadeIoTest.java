package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.hostile.Hostile;
import dev.imbytes.internal.pipeline.BoundedReadTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code Path}, {@code InputStream} and {@code OutputStream} forms of the facade: they give what
 * the byte-array forms give, and the byte limit holds while reading, for a FIFO too.
 */
class FacadeIoTest {
    private static final String JPEG = "valid/libjpeg-turbo/testorig.jpg";
    private static final Conversion TO_PNG = Conversion.to(Format.PNG).withFit(Fit.within(40, 40));

    @Test
    void aPathGivesWhatItsBytesGive() throws IOException {
        Path file = TestImages.fixture(JPEG);
        byte[] bytes = TestImages.bytes(JPEG);
        assertArrayEquals(Imbytes.convert(bytes, TO_PNG), Imbytes.convert(file, TO_PNG));
        assertEquals(Imbytes.convertDetailed(bytes, TO_PNG).outputWidth(), Imbytes.convertDetailed(file, TO_PNG).outputWidth());
        assertEquals(Imbytes.info(bytes), Imbytes.info(file));
        try (ImageMat fromPath = Imbytes.decode(file); ImageMat fromBytes = Imbytes.decode(bytes)) {
            assertEquals(fromBytes.mat().size(), fromPath.mat().size());
        }
    }

    @Test
    void aStreamGivesWhatItsBytesGiveAndStaysOpen() throws IOException {
        byte[] bytes = TestImages.bytes(JPEG);
        ClosingWatch in = new ClosingWatch(bytes);
        assertArrayEquals(Imbytes.convert(bytes, TO_PNG), Imbytes.convert(in, TO_PNG));
        assertTrue(!in.closed, "the stream is the caller's: not closed");
        assertEquals(Imbytes.info(bytes), Imbytes.info(new ByteArrayInputStream(bytes)));
        assertEquals(Imbytes.convertDetailed(bytes, TO_PNG).outputHeight(),
                Imbytes.convertDetailed(new ByteArrayInputStream(bytes), TO_PNG).outputHeight());
        try (ImageMat fromStream = Imbytes.decode(new ByteArrayInputStream(bytes)); ImageMat fromBytes = Imbytes.decode(bytes)) {
            assertEquals(fromBytes.mat().size(), fromStream.mat().size());
        }
    }

    @Test
    void aBufferedImageIsEncodedIntoAnOpenStream() throws IOException {
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_3BYTE_BGR);
        image.setRGB(3, 2, 0xff8040);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Imbytes.encode(image, PngOptions.defaults(), sink);
        assertArrayEquals(Imbytes.encode(image, PngOptions.defaults()), sink.toByteArray());
        assertEquals(7, Imbytes.info(sink.toByteArray()).width());
    }

    @Test
    void aStreamOverTheLimitIsRefusedAfterTheLimitNotAtItsEnd() {
        long limit = 1 << 20;
        BoundedReadTest.Endless endless = new BoundedReadTest.Endless(jpegHead());
        Conversion limited = TO_PNG.withDecodeOptions(DecodeOptions.defaults().withLimits(Limits.defaults().withMaxBytes(limit)));
        assertThrows(ImageTooLargeException.class, () -> Imbytes.convert(endless, limited));
        assertTrue(endless.taken() > limit && endless.taken() <= limit + (2 << 20), "read " + endless.taken() + " bytes");
        assertThrows(ImageTooLargeException.class,
                () -> Imbytes.info(new BoundedReadTest.Endless(jpegHead())), "info reads under the default limits");
    }

    @Test
    void aDeviceOfJunkIsRefusedAfterItsFirstBytes() {
        long start = System.nanoTime();
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> Imbytes.info(Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("the rest was not read"), e.getMessage());
        assertThrows(UnsupportedFormatException.class, () -> Imbytes.convert(Path.of("/dev/zero"), TO_PNG));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "endless devices are not read to an end");
    }

    private static byte[] jpegHead() {
        return java.util.Arrays.copyOf(TestImages.bytes(JPEG), 1024);
    }

    /** Run in a child JVM: converts the FIFO named by args[0] under a 16 MiB limit, prints the outcome and VmHWM. */
    public static final class FifoMain {
        public static void main(String[] args) throws IOException {
            Conversion limited = TO_PNG.withDecodeOptions(
                    DecodeOptions.defaults().withLimits(Limits.defaults().withMaxBytes(16L << 20)));
            try {
                Imbytes.convert(Path.of(args[0]), limited);
                System.out.println("converted");
            } catch (ImageTooLargeException e) {
                System.out.println("ImageTooLargeException: " + e.getMessage());
            }
            System.out.println("VmHWM " + Hostile.procStatusKb("VmHWM"));
        }
    }

    @Test
    void anEndlessFifoIsReadBoundedByARealCaller(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("endless.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
        // The writer feeds a JPEG head then zeros for ever; it stops when the reader closes its end.
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(TestImages.bytes(JPEG), 0, 1024);
                byte[] zeros = new byte[1 << 16];
                for (long i = 0; i < (4L << 30) / zeros.length; i++) {
                    out.write(zeros);
                }
            } catch (IOException expectedWhenTheReaderStops) {
                // broken pipe: the reader refused the input and closed the FIFO
            }
        });
        writer.setDaemon(true);
        writer.start();
        Hostile.Child child = Hostile.runJava(List.of("-Xmx512m"), FifoMain.class, 120, fifo.toString());
        writer.join(30_000);
        assertEquals(0, child.exit(), child.stderr());
        assertEquals("", child.stderr());
        String[] lines = child.stdout().split("\n");
        assertTrue(lines[0].startsWith("ImageTooLargeException: ") && lines[0].contains("16777216"), child.stdout());
        long peakKb = Long.parseLong(lines[1].substring("VmHWM ".length()));
        System.out.println("FacadeIoTest: endless FIFO refused at 16 MiB, child VmHWM " + peakKb + " kB");
        assertTrue(peakKb < 200 * 1024, "a 16 MiB limit must not cost more than ~200 MB of RSS: " + peakKb + " kB");
        assertTrue(!writer.isAlive(), "the writer saw the reader close the FIFO");
    }

    /** A stream that records whether it was closed. */
    private static final class ClosingWatch extends ByteArrayInputStream {
        boolean closed;

        ClosingWatch(byte[] bytes) {
            super(bytes);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
