package dev.imbytes.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.ConversionResult;
import dev.imbytes.Format;
import dev.imbytes.ImageInfo;
import dev.imbytes.ImageMat;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the README's Java blocks on a real photo and checks that each does what its comment says. */
class ReadmeSnippetsTest {
    /** 1800x1200 camera JPEG, EXIF orientation 1 (upright as stored). */
    private static final String PHOTO = "orientation/exif-orientation-examples/Landscape_1.jpg";

    @Test
    void basicBlockEncodesConvertsAndDecodes() {
        byte[] input = TestImages.bytes(PHOTO);
        BufferedImage bufferedImage = Imbytes.decodeToBufferedImage(input);
        try (ImageMat mat = Imbytes.decode(input)) {
            ReadmeSnippets.Basic out = ReadmeSnippets.basic(mat.mat(), bufferedImage, input);
            assertInfo(out.jpeg(), Format.JPEG, 1800, 1200);
            assertInfo(out.png(), Format.PNG, 1800, 1200);
            assertInfo(out.webp(), Format.WEBP, 500, 333);   // within 500x500 keeps 3:2
            assertEquals(1800, out.width());
        }
    }

    @Test
    void moreBlockConvertsInspectsResizesAndStreams() throws IOException {
        byte[] input = TestImages.bytes(PHOTO);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (ImageMat mat = Imbytes.decode(input)) {
            ReadmeSnippets.More out = ReadmeSnippets.more(input, mat.mat(), stream);
            assertEquals(Format.JPEG, out.result().inputFormat());
            assertEquals(256, out.result().outputWidth());
            assertInfo(out.result().bytes(), Format.JPEG, 256, 256);   // cover fills 256x256
            ImageInfo info = out.info();
            assertEquals(Arrays.asList(Format.JPEG, 1800, 1200, 3),
                    Arrays.asList(info.format(), info.width(), info.height(), info.channels()));
            assertEquals(Arrays.asList(1800, 1200), Arrays.asList(out.img().getWidth(), out.img().getHeight()));
            assertInfo(out.smallJpeg(), Format.JPEG, 800, 533);   // width 800 keeps 3:2
        }
        byte[] png = stream.toByteArray();
        assertInfo(png, Format.PNG, 1800, 1200);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    }

    @Test
    void framesBlockWritesImencodesBytesIntoAnArrayAndABuffer() {
        byte[] input = TestImages.bytes(PHOTO);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 20).position(10);
        try (ImageMat mat = Imbytes.decode(input)) {
            ReadmeSnippets.Frames out = ReadmeSnippets.frames(mat.mat(), buffer);
            org.opencv.core.MatOfByte cv = new org.opencv.core.MatOfByte();
            org.opencv.imgcodecs.Imgcodecs.imencode(".jpg", mat.mat(), cv,
                    new org.opencv.core.MatOfInt(org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, 80));
            assertArrayEquals(cv.toArray(), out.jpeg(), "cv2.imencode's bytes");
            cv.release();
            assertEquals(out.jpeg().length, out.length());
            assertEquals(10 + out.length(), buffer.position());
            assertArrayEquals(out.jpeg(), Arrays.copyOfRange(buffer.array(), 10, 10 + out.length()));
        }
    }

    private static void assertInfo(byte[] encoded, Format format, int width, int height) {
        ImageInfo info = Imbytes.info(encoded);
        assertEquals(Arrays.asList(format, width, height), Arrays.asList(info.format(), info.width(), info.height()));
    }

    @Test
    void metadataBlockKeepsExifAndTheProfileInAWebp() {
        byte[] input = TestImages.bytes("valid/exifr/tif-with-iptc-icc-xmp.tif");
        ConversionResult kept = ReadmeSnippets.metadata(input);
        assertEquals(Format.WEBP, kept.outputFormat());
        assertEquals(List.of(), kept.warnings());
        String riff = new String(kept.bytes(), 0, 16, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("VP8X", riff.substring(12, 16), "an extended WebP");
        String all = new String(kept.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(all.contains("ICCP") && all.contains("EXIF") && all.contains("XMP "), "the three chunks");
    }
}
