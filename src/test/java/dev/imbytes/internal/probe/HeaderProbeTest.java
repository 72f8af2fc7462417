package dev.imbytes.internal.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.imbytes.ColorModel;
import dev.imbytes.CorruptImageException;
import dev.imbytes.Format;
import dev.imbytes.TestImages;
import dev.imbytes.UnsupportedFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderProbeTest {

    private static final Set<String> COLORS =
            Set.of("ycbcr", "rgb", "gray", "cmyk", "ycck", "palette", "gray+alpha", "rgba");

    static Stream<TestImages.Row> indexRows() {
        return TestImages.rows().stream();
    }

    static byte[] read(String path) {
        return TestImages.bytes(path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexRows")
    void headerMatchesIndex(TestImages.Row row) {
        byte[] bytes = row.bytes();
        if (row.format().isEmpty()) {
            assertNull(HeaderProbe.sniff(ByteBuffer.wrap(bytes)));
            UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                    () -> HeaderProbe.probe(ByteBuffer.wrap(bytes)));
            assertTrue(e.getMessage().contains("unrecognised"), e.getMessage());
            return;
        }
        Format expected = row.format().get();
        assertEquals(expected, HeaderProbe.sniff(ByteBuffer.wrap(bytes)));
        if (!row.hasSize()) {
            // header unreadable by the index's reckoning: either typed exception is acceptable
            try {
                HeaderProbe.probe(ByteBuffer.wrap(bytes));
            } catch (CorruptImageException ok) {
                // expected for e.g. corrupt/sharp/corrupt-header.jpg (APP1 runs past the end, no SOF)
            }
            return;
        }
        // heap and direct buffers must read the same
        ImageHeader h = HeaderProbe.probe(ByteBuffer.wrap(bytes));
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip();
        assertEquals(h, HeaderProbe.probe(direct));
        assertEquals(0, direct.position());

        assertEquals(expected, h.format());
        assertEquals(row.w(), h.width(), "width");
        assertEquals(row.h(), h.height(), "height");
        if (row.channels().isPresent()) {
            assertEquals(row.channels().getAsInt(), h.channels(), "channels");
        }
        if (row.bitDepth().isPresent()) {
            assertEquals(row.bitDepth().getAsInt(), h.bitDepth(), "bit_depth");
        }
        // Colour names outside the library's vocabulary (e.g. "ct1" for PNG's invalid colour
        // type 1 in corrupt/pngsuite/xc1n0g08.png) have no counterpart: the probe reports "".
        Optional<String> color = row.color().filter(COLORS::contains);
        if (color.isPresent()) {
            assertEquals(color.get(), h.colorModel().id(), "color");
        }
        assertEquals(row.orientation().orElse(-1), h.orientationTag(), "exif_orientation");
    }

    @Test
    void truncatedFilesHaveADefect() {
        ImageHeader png = HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pillow/truncated_image.png")));
        assertNotNull(png.defect());
        assertTrue(png.defect().contains("IDAT"), png.defect());
        ImageHeader jpg = HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pillow/truncated_jpeg.jpg")));
        assertNotNull(jpg.defect());
        assertTrue(jpg.defect().contains("EOI"), jpg.defect());
    }

    @Test
    void pngSuiteCorruptionsAreDefects() {
        assertEquals("bad CRC in chunk IHDR",
                HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pngsuite/xhdn0g08.png"))).defect());
        assertEquals("no IDAT chunk",
                HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pngsuite/xdtn0g01.png"))).defect());
        assertNotNull(HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pngsuite/xc1n0g08.png"))).defect());
        assertThrows(CorruptImageException.class,
                () -> HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pillow/broken.png"))));
        assertNotNull(HeaderProbe.probe(ByteBuffer.wrap(read("corrupt/pillow-bmpsuite-bad/shortfile.bmp"))).defect());
    }

    @Test
    void validPngAndJpegAreWhole() {
        int n = 0;
        for (TestImages.Row r : TestImages.rows()) {
            String path = r.path();
            if (path.startsWith("valid/") && (r.is(Format.PNG) || r.is(Format.JPEG))) {
                ImageHeader h = HeaderProbe.probe(ByteBuffer.wrap(read(path)));
                assertNull(h.defect(), path);
                n++;
            }
        }
        assertTrue(n >= 60, "checked " + n);
    }

    /** Probing must end in a header or one of the two typed exceptions, nothing else. */
    private static void probeSafely(byte[] bytes, String what) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        try {
            HeaderProbe.sniff(buf);
            HeaderProbe.probe(buf);
        } catch (UnsupportedFormatException | CorruptImageException expected) {
            assertNotNull(expected.getMessage());
        } catch (Throwable t) {
            throw new AssertionError(what + ": " + t, t);
        }
        assertEquals(0, buf.position(), what);
    }

    @Test
    void truncationsNeverThrowUntypedExceptions() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int probes = 0;
            for (TestImages.Row r : TestImages.rows()) {
                byte[] all = r.bytes();
                for (int i = 0; i < 20; i++) {
                    int cut = (int) ((long) all.length * i / 20);
                    probeSafely(Arrays.copyOf(all, cut), r.path() + " cut at " + cut);
                    probes++;
                }
            }
            assertTrue(probes >= 20 * 100);
        });
    }

    @Test
    void randomByteFlipsNeverThrowUntypedExceptions() {
        String[] seeds = {
            "valid/pillow/hopper.jpg", "valid/pngsuite/ctzn0g04.png", "valid/pngsuite/exif2c08.png",
            "valid/pillow/hopper.webp", "valid/libwebp-test-data/lossy_alpha1.webp", "valid/pillow/hopper.tif",
            "valid/pillow/pal8.bmp", "valid/pillow/hopper.gif", "bombs/pillow/decompression_bomb.gif",
            "robustness/pillow/crash-4fb027452e6988530aa5dabee76eecacb3b79f8a.j2k",
            "orientation/exif-orientation-examples/Landscape_6.jpg",
        };
        byte[][] data = Arrays.stream(seeds).map(HeaderProbeTest::read).toArray(byte[][]::new);
        Random rnd = new Random(20240611L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 2000; i++) {
                int k = rnd.nextInt(data.length);
                byte[] b = data[k].clone();
                int flips = 1 + rnd.nextInt(4);
                for (int j = 0; j < flips; j++) {
                    // mostly in the header region, where the probe reads
                    int span = rnd.nextBoolean() ? Math.min(b.length, 256) : b.length;
                    int pos = rnd.nextInt(span);
                    b[pos] = rnd.nextInt(3) == 0 ? (byte) rnd.nextInt(256) : (byte) (b[pos] ^ (1 << rnd.nextInt(8)));
                }
                probeSafely(b, seeds[k] + " flip #" + i);
            }
        });
    }

    // ---- sniff details --------------------------------------------------------------------

    @Test
    void sniffHonoursPositionAndLimitAndLeavesThemAlone() {
        byte[] png = read("valid/pngsuite/basn2c08.png");
        ByteBuffer b = ByteBuffer.allocate(png.length + 10);
        b.put(new byte[5]).put(png).put(new byte[5]);
        b.position(5).limit(5 + png.length);
        assertEquals(Format.PNG, HeaderProbe.sniff(b));
        ImageHeader h = HeaderProbe.probe(b);
        assertEquals(32, h.width());
        assertNull(h.defect());
        assertEquals(5, b.position());
        assertEquals(5 + png.length, b.limit());
        b.limit(5 + 7);
        assertNull(HeaderProbe.sniff(b));
    }

    @Test
    void unrecognisedMessageShowsBytes() {
        UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
                () -> HeaderProbe.probe(ByteBuffer.wrap(new byte[] {0x12, 0x34, (byte) 0xAB})));
        assertTrue(e.getMessage().contains("12 34 ab"), e.getMessage());
        assertThrows(UnsupportedFormatException.class, () -> HeaderProbe.probe(ByteBuffer.allocate(0)));
        // magic only counts at offset 0
        byte[] shifted = new byte[20];
        System.arraycopy(read("valid/pillow/hopper.jpg"), 0, shifted, 1, 19);
        assertNull(HeaderProbe.sniff(ByteBuffer.wrap(shifted)));
    }

    // ---- synthetic headers ----------------------------------------------------------------

    private static ImageHeader probe(byte[] b) {
        return HeaderProbe.probe(ByteBuffer.wrap(b));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void pnm() {
        assertEquals(new ImageHeader(Format.PBM, 3, 2, 1, 1, -1, ColorModel.GRAY, null), probe(ascii("P1\n# c\n3 2\n0 1 0\n1 0 1\n")));
        assertEquals(new ImageHeader(Format.PBM, 16, 1, 1, 1, -1, ColorModel.GRAY, null), probe(ascii("P4 16 1\n\0\0")));
        assertEquals(new ImageHeader(Format.PGM, 5, 4, 1, 8, -1, ColorModel.GRAY, null), probe(ascii("P5\n5 4\n255\n")));
        assertEquals(new ImageHeader(Format.PGM, 5, 4, 1, 16, -1, ColorModel.GRAY, null), probe(ascii("P2\n5 4 65535\n")));
        assertEquals(new ImageHeader(Format.PPM, 640, 480, 3, 8, -1, ColorModel.RGB, null),
                probe(ascii("P6\n#comment 1 2\n640\n# x\n480\n255\n")));
        assertEquals(new ImageHeader(Format.PAM, 7, 9, 4, 8, -1, ColorModel.RGBA, null),
                probe(ascii("P7\nWIDTH 7\nHEIGHT 9\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n")));
        assertEquals(new ImageHeader(Format.PAM, 7, 9, 2, 16, -1, ColorModel.GRAY_ALPHA, null),
                probe(ascii("P7\n# c\nWIDTH 7\nHEIGHT 9\nDEPTH 2\nMAXVAL 1023\nENDHDR\n")));
        assertThrows(CorruptImageException.class, () -> probe(ascii("P6\n0 4\n255\n")));
        assertThrows(CorruptImageException.class, () -> probe(ascii("P6\n640 4")));
        assertThrows(CorruptImageException.class, () -> probe(ascii("P6\n99999999999 4 255\n")));
        assertThrows(CorruptImageException.class, () -> probe(ascii("P7\nWIDTH 7\nHEIGHT 9\n")));
    }

    @Test
    void pfmAndHdr() {
        assertEquals(new ImageHeader(Format.PFM, 12, 34, 3, 32, -1, ColorModel.RGB, null), probe(ascii("PF\n12 34\n-1.0\n")));
        assertEquals(new ImageHeader(Format.PFM, 12, 34, 1, 32, -1, ColorModel.GRAY, null), probe(ascii("Pf\n12 34\n1.0\n")));
        assertEquals(new ImageHeader(Format.HDR, 640, 480, 3, 32, -1, ColorModel.RGB, null),
                probe(ascii("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y 480 +X 640\n")));
        assertEquals(Format.HDR, probe(ascii("#?RGBE\n\n+X 3 -Y 5\n")).format());
        assertEquals(3, probe(ascii("#?RGBE\n\n+X 3 -Y 5\n")).width());
        assertThrows(CorruptImageException.class, () -> probe(ascii("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n")));
        assertThrows(CorruptImageException.class, () -> probe(ascii("#?RADIANCE\n\n-Y 480 -Y 640\n")));
    }

    @Test
    void sunRaster() {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.BIG_ENDIAN);
        b.putInt(0x59a66a95).putInt(100).putInt(50).putInt(24).putInt(15000).putInt(1).putInt(0).putInt(0);
        assertEquals(new ImageHeader(Format.SUN_RASTER, 100, 50, 3, 8, -1, ColorModel.RGB, null), probe(b.array()));
        b.putInt(12, 8).putInt(24, 1).putInt(28, 768);
        assertEquals("palette", probe(b.array()).colorModel().id());
        b.putInt(8, 0);
        assertThrows(CorruptImageException.class, () -> probe(b.array()));
        assertThrows(CorruptImageException.class, () -> probe(Arrays.copyOf(b.array(), 10)));
    }

    private static void attr(ByteArrayOutputStream o, String name, String type, byte[] value) {
        o.writeBytes(ascii(name + "\0" + type + "\0"));
        o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value.length).array());
        o.writeBytes(value);
    }

    @Test
    void exr() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {0x76, 0x2f, 0x31, 0x01, 2, 0, 0, 0});
        ByteArrayOutputStream ch = new ByteArrayOutputStream();
        for (String c : new String[] {"A", "B", "G", "R"}) {
            ch.writeBytes(ascii(c + "\0"));
            ch.writeBytes(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(0).putInt(1).putInt(1)
                    .array());
        }
        ch.write(0);
        attr(o, "channels", "chlist", ch.toByteArray());
        attr(o, "compression", "compression", new byte[] {0});
        attr(o, "dataWindow", "box2i",
                ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(-10).putInt(5).putInt(309).putInt(204).array());
        o.write(0);
        assertEquals(new ImageHeader(Format.EXR, 320, 200, 4, 16, -1, ColorModel.RGBA, null), probe(o.toByteArray()));
        byte[] all = o.toByteArray();
        for (int cut = 0; cut < all.length; cut++) {
            byte[] part = Arrays.copyOf(all, cut);
            if (cut >= 4) {
                assertThrows(CorruptImageException.class, () -> probe(part), "cut " + cut);
            }
        }
    }

    @Test
    void jpeg2000Codestream() {
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 38 + 3 * 3).order(ByteOrder.BIG_ENDIAN);
        b.putShort((short) 0xFF4F).putShort((short) 0xFF51).putShort((short) (38 + 9)).putShort((short) 0)
                .putInt(1034).putInt(778).putInt(10).putInt(10) // Xsiz, Ysiz, XOsiz, YOsiz
                .putInt(1024).putInt(768).putInt(0).putInt(0)   // tiles
                .putShort((short) 3);
        for (int i = 0; i < 3; i++) {
            b.put((byte) 11).put((byte) 1).put((byte) 1); // 12-bit unsigned
        }
        assertEquals(new ImageHeader(Format.JPEG2000, 1024, 768, 3, 12, -1, ColorModel.RGB, null), probe(b.array()));
        b.putInt(16, 2000); // XOsiz beyond Xsiz
        assertThrows(CorruptImageException.class, () -> probe(b.array()));
        assertThrows(CorruptImageException.class, () -> probe(Arrays.copyOf(b.array(), 20)));
    }

    /** A big-endian EXIF/TIFF block with just IFD0 Orientation. */
    private static byte[] exifBlock(int orientation, boolean exifPrefix) {
        ByteBuffer b = ByteBuffer.allocate(26).order(ByteOrder.BIG_ENDIAN);
        b.put(ascii("MM")).putShort((short) 42).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] tiff = b.array();
        if (!exifPrefix) {
            return tiff;
        }
        byte[] out = new byte[6 + tiff.length];
        System.arraycopy(ascii("Exif\0\0"), 0, out, 0, 6);
        System.arraycopy(tiff, 0, out, 6, tiff.length);
        return out;
    }

    private static void chunk(ByteArrayOutputStream o, String type, byte[] data) {
        o.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] td = new byte[4 + data.length];
        System.arraycopy(ascii(type), 0, td, 0, 4);
        System.arraycopy(data, 0, td, 4, data.length);
        o.writeBytes(td);
        CRC32 crc = new CRC32();
        crc.update(td);
        o.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] in) {
        Deflater d = new Deflater();
        d.setInput(in);
        d.finish();
        byte[] buf = new byte[in.length + 64];
        int n = d.deflate(buf);
        d.end();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] png(String textType, byte[] textData) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        chunk(o, "IHDR", ByteBuffer.allocate(13).putInt(2).putInt(1).put((byte) 8).put((byte) 2).array());
        if (textType != null) {
            chunk(o, textType, textData);
        }
        chunk(o, "IDAT", deflate(new byte[] {0, 1, 2, 3, 4, 5, 6}));
        chunk(o, "IEND", new byte[0]);
        return o.toByteArray();
    }

    private static byte[] rawProfile(byte[] exif) {
        StringBuilder sb = new StringBuilder("\nexif\n      " + exif.length + "\n");
        for (int i = 0; i < exif.length; i++) {
            sb.append(String.format("%02x", exif[i] & 0xFF));
            if (i % 36 == 35) {
                sb.append('\n');
            }
        }
        return ascii(sb.append('\n').toString());
    }

    @Test
    void pngExifInTextChunks() {
        byte[] profile = rawProfile(exifBlock(6, true));
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(ascii("Raw profile type exif\0"));
        t.writeBytes(profile);
        assertEquals(6, probe(png("tEXt", t.toByteArray())).orientationTag());

        ByteArrayOutputStream z = new ByteArrayOutputStream();
        z.writeBytes(ascii("Raw profile type exif\0\0"));
        z.writeBytes(deflate(profile));
        ImageHeader h = probe(png("zTXt", z.toByteArray()));
        assertEquals(6, h.orientationTag());
        assertNull(h.defect());

        ByteArrayOutputStream i = new ByteArrayOutputStream();
        i.writeBytes(ascii("Raw profile type exif\0\1\0en\0\0"));
        i.writeBytes(deflate(profile));
        assertEquals(6, probe(png("iTXt", i.toByteArray())).orientationTag());

        assertEquals(8, probe(png("eXIf", exifBlock(8, false))).orientationTag());
        assertEquals(0, probe(png("eXIf", exifBlock(0, false))).orientationTag());
        assertEquals(-1, probe(png(null, null)).orientationTag());
        assertNull(probe(png(null, null)).defect());
    }

    @Test
    void webpExtendedWithExif() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WEBP"));
        body.writeBytes(ascii("VP8X"));
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(10).array());
        body.writeBytes(new byte[] {0x08 | 0x10, 0, 0, 0, (byte) 0x3F, 0x01, 0, (byte) 0xC7, 0, 0}); // 320x200
        body.writeBytes(ascii("VP8L"));
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(6).array());
        body.writeBytes(new byte[] {0x2f, 0, 0, 0, 0, 0});
        byte[] exif = exifBlock(3, false);
        body.writeBytes(ascii("EXIF"));
        body.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(exif.length).array());
        body.writeBytes(exif);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(ascii("RIFF"));
        o.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.size()).array());
        o.writeBytes(body.toByteArray());
        byte[] all = o.toByteArray();
        assertEquals(new ImageHeader(Format.WEBP, 320, 200, 4, 8, 3, ColorModel.RGBA, null), probe(all));
        assertTrue(probe(Arrays.copyOf(all, all.length - 4)).defect().startsWith("truncated"));
    }

    @Test
    void bigTiff() {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 3 * 20 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("II")).putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
        b.putLong(3);
        b.putShort((short) 256).putShort((short) 4).putLong(1).putLong(70000);
        b.putShort((short) 257).putShort((short) 3).putLong(1).putLong(20);
        b.putShort((short) 274).putShort((short) 3).putLong(1).putLong(5);
        b.putLong(0);
        // the header alone: no strips, which strict decoding refuses
        assertEquals(new ImageHeader(Format.TIFF, 70000, 20, 1, 1, 5, ColorModel.UNKNOWN, "no StripOffsets"), probe(b.array()));
    }

    @Test
    void neverThrowsUntypedOnSyntheticNoise() {
        Random rnd = new Random(7);
        byte[][] prefixes = {ascii("P7\n"), ascii("#?RADIANCE\n"), {0x76, 0x2f, 0x31, 0x01}, {0x59, (byte) 0xa6, 0x6a, (byte) 0x95},
            {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51}, ascii("II*\0"), ascii("MM\0+"), ascii("BM"), ascii("GIF89a"),
            ascii("PF\n"), {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, ascii("RIFF\0\0\0\0WEBPVP8X")};
        for (int i = 0; i < 3000; i++) {
            byte[] p = prefixes[i % prefixes.length];
            byte[] b = new byte[p.length + rnd.nextInt(64)];
            rnd.nextBytes(b);
            System.arraycopy(p, 0, b, 0, p.length);
            probeSafely(b, "noise #" + i);
        }
    }

    @Test
    void absurdDimensionsAreReportedNotRefused() {
        ImageHeader gif = probe(read("bombs/pillow/decompression_bomb.gif"));
        assertEquals(65535, gif.width());
        assertEquals(66601, gif.height());
        if (gif.pixels() < 1) {
            fail();
        }
    }
}
