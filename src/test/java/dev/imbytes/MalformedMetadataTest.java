package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Crafted, damaged or oversized metadata never fails a conversion: the block is dropped, the
 * result's warnings say so, and the output carries none of it.
 */
class MalformedMetadataTest {
    /** EXIF blocks (TIFF structures, little-endian) broken in the ways a parser must survive. */
    enum BadExif {
        /** IFD0 declares 10 entries, the block ends after 2. */
        TRUNCATED_IFD(tiff(10, entry(271, 2, 4, "Cam\0"), entry(272, 2, 4, "Mod\0"))),
        /** The EXIF IFD pointer points back at IFD0. */
        LOOP(tiff(1, entry(34665, 4, 1, 8))),
        /** An ASCII value of 2^31 - 1 characters. */
        HUGE_COUNT(tiff(1, entry(270, 2, 0x7FFF_FFFF, 26))),
        /** IFD0 offset past the end. */
        IFD_PAST_END(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'I').put((byte) 'I')
                .putShort((short) 42).putInt(1 << 20).array()),
        /** Not a TIFF header at all. */
        NO_HEADER("Exif is not TIFF".getBytes(StandardCharsets.US_ASCII));

        final byte[] tiff;

        BadExif(byte[] tiff) {
            this.tiff = tiff;
        }
    }

    static byte[] entry(int tag, int type, int count, int value) {
        return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) type)
                .putInt(count).putInt(value).array();
    }

    static byte[] entry(int tag, int type, int count, String inline) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) type)
                .putInt(count);
        b.put(inline.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** A TIFF header and an IFD0 that declares {@code declared} entries but holds {@code entries}. */
    static byte[] tiff(int declared, byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        out.write(declared);
        out.write(0);
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        out.writeBytes(new byte[4]);
        return out.toByteArray();
    }

    /** A small real JPEG as OpenCV writes it (SOI, JFIF APP0, ...), with {@code segment} after APP0. */
    static byte[] jpegWith(int marker, byte[] payload) {
        return withSegment(Imbytes.convert(TestImages.bytes("valid/pillow/hopper.jpg"), Conversion.to(Format.JPEG)), marker,
                payload);
    }

    /** {@code clean} (SOI, then APP0) with one more segment after its APP0. */
    static byte[] withSegment(byte[] clean, int marker, byte[] payload) {
        int at = 4 + (((clean[4] & 0xFF) << 8) | (clean[5] & 0xFF));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(clean, 0, at);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(clean, at, clean.length - at);
        return out.toByteArray();
    }

    static byte[] concat(String id, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    static boolean contains(byte[] hay, String needle) {
        return new String(hay, StandardCharsets.ISO_8859_1).contains(needle);
    }

    static ConversionResult keep(byte[] input, Format to) {
        return Imbytes.convertDetailed(input, Conversion.to(to).withKeepMetadata(true));
    }

    @ParameterizedTest
    @EnumSource(BadExif.class)
    void malformedExifIsDroppedWithAWarning(BadExif bad) {
        byte[] input = jpegWith(0xE1, concat("Exif\0\0", bad.tiff));
        for (Format to : new Format[] {Format.JPEG, Format.PNG, Format.WEBP, Format.TIFF}) {
            ConversionResult r = keep(input, to);
            assertEquals(1, r.warnings().size(), () -> to + ": " + r.warnings());
            assertTrue(r.warnings().get(0).startsWith("EXIF dropped: malformed"), r.warnings().get(0));
            assertFalse(contains(r.bytes(), "Exif\0\0") || contains(r.bytes(), "eXIf") || contains(r.bytes(), "EXIF"),
                    "no EXIF block in the output");
            assertTrue(r.outputWidth() > 0);
        }
    }

    @Test
    void anIccProfileWithAMissingChunkIsDropped() {
        byte[] chunk = concat("ICC_PROFILE\0", new byte[] {1, 2});
        ConversionResult r = keep(jpegWith(0xE2, concat(new String(chunk, StandardCharsets.ISO_8859_1), new byte[200])),
                Format.PNG);
        assertEquals(List.of("the embedded ICC profile was ignored: JPEG APP2 chunk 2 of 2 is missing"), r.warnings());
        assertFalse(contains(r.bytes(), "iCCP"));
    }

    @Test
    void bytesThatAreNotAProfileAreDropped() {
        ConversionResult r = keep(jpegWith(0xE2, concat("ICC_PROFILE\0", concat("\1\1", new byte[300]))), Format.JPEG);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("the embedded ICC profile was ignored: its header lacks"), r.warnings().get(0));
        assertFalse(contains(r.bytes(), "ICC_PROFILE"));
    }

    /** A PNG (OpenCV's, 2x2) with {@code chunks} after IHDR. */
    static byte[] pngWith(byte[]... chunks) {
        byte[] clean = Imbytes.convert(TestImages.bytes("valid/pillow/hopper.jpg"),
                Conversion.to(Format.PNG).withFit(Fit.exact(2, 2)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(clean, 0, 33);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        out.write(clean, 33, clean.length - 33);
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length).putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII))
                .put(data);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 4, 4 + data.length);
        return b.putInt((int) crc.getValue()).array();
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater();
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    @Test
    void anICCPChunkThatDoesNotInflateIsDropped() {
        ConversionResult r = keep(pngWith(chunk("iCCP", concat("p\0\0", new byte[] {0x78, (byte) 0x9c, 1, 2, 3}))),
                Format.JPEG);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("the embedded ICC profile was ignored: its PNG iCCP data"), r.warnings().get(0));
        assertFalse(contains(r.bytes(), "ICC_PROFILE"));
    }

    @Test
    void aProfileOverTheTotalLimitIsDroppedNotInflatedWhole() {
        int size = 5 * 1024 * 1024; // zeros deflate to ~5 KB: a 1000:1 inflation bomb of a profile
        byte[] profile = ByteBuffer.allocate(size).putInt(0, size).putInt(36, 0x61637370).array();
        ConversionResult r = keep(pngWith(chunk("iCCP", concat("p\0\0", deflate(profile)))), Format.PNG);
        assertEquals(List.of("the embedded ICC profile was ignored: it inflates to more than the limit of 4194304 bytes"
                + " (Limits.withMaxIccBytes)"), r.warnings());
        assertFalse(contains(r.bytes(), "iCCP"));
    }

    @Test
    void exifTooLargeForAJpegSegmentIsDroppedThereButKeptInPng() {
        Exiftool.require();
        String text = "x".repeat(70_000);
        byte[] exif = ByteBuffer.allocate(26 + text.length() + 1).order(ByteOrder.LITTLE_ENDIAN)
                .put(tiff(1, entry(270, 2, text.length() + 1, 26))).put(text.getBytes(StandardCharsets.US_ASCII)).array();
        byte[] input = pngWith(chunk("eXIf", exif));

        ConversionResult jpeg = keep(input, Format.JPEG);
        assertEquals(1, jpeg.warnings().size());
        assertTrue(jpeg.warnings().get(0).matches("EXIF dropped: \\d+ bytes do not fit a JPEG APP1 segment"),
                jpeg.warnings().get(0));
        assertFalse(contains(jpeg.bytes(), "Exif\0\0"));

        ConversionResult png = keep(input, Format.PNG);
        assertEquals(List.of(), png.warnings());
        Map<String, String> tags = Exiftool.tags(png.bytes());
        assertEquals(text, tags.get("IFD0:ImageDescription"));
    }

    @Test
    void aProfileTooLargeForJpegsChunkCountIsDroppedThere() {
        int size = 17 * 1024 * 1024; // 257 APP2 chunks: more than one byte can number
        byte[] profile = ByteBuffer.allocate(size).putInt(0, size).putInt(16, 0x52474220).putInt(36, 0x61637370).array();
        byte[] input = pngWith(chunk("iCCP", concat("p\0\0", deflate(profile))));
        Conversion big = Conversion.to(Format.JPEG).withKeepIccProfile(true).withDecodeOptions(DecodeOptions.defaults()
                .withMode(ReadMode.UNCHANGED).withLimits(Limits.defaults().withMaxIccBytes(32 << 20)));
        ConversionResult r = Imbytes.convertDetailed(input, big);
        assertEquals(List.of("ICC profile dropped: " + size + " bytes need more than 255 JPEG APP2 chunks"), r.warnings());
        assertFalse(contains(r.bytes(), "ICC_PROFILE"));
        ConversionResult png = Imbytes.convertDetailed(input, big.withEncodeOptions(PngOptions.defaults()));
        assertEquals(List.of(), png.warnings(), "PNG holds it");
        assertTrue(contains(png.bytes(), "iCCP"));
    }

    @Test
    void exifAndXmpTogetherStopAtOneMebibyte() {
        String text = "x".repeat(600_000);
        byte[] exif = ByteBuffer.allocate(26 + text.length() + 1).order(ByteOrder.LITTLE_ENDIAN)
                .put(tiff(1, entry(270, 2, text.length() + 1, 26))).put(text.getBytes(StandardCharsets.US_ASCII)).array();
        byte[] xmp = concat("XML:com.adobe.xmp\0\0\0\0\0", ("<x:xmpmeta>" + text + "</x:xmpmeta>").getBytes(StandardCharsets.US_ASCII));
        ConversionResult r = keep(pngWith(chunk("eXIf", exif), chunk("iTXt", xmp)), Format.PNG);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("XMP dropped: ") && r.warnings().get(0).endsWith(" over 1048576 bytes"),
                r.warnings().get(0));
        assertTrue(contains(r.bytes(), "eXIf"), "EXIF, read first, is kept");
        assertFalse(contains(r.bytes(), "iTXt"));
    }

    @Test
    void extendedXmpIsNotKeptAndSaysSo() {
        byte[] input = jpegWith(0xE1, concat("http://ns.adobe.com/xmp/extension/\0", new byte[100]));
        ConversionResult r = keep(input, Format.PNG);
        assertEquals(List.of("extended XMP dropped: JPEG APP1 http://ns.adobe.com/xmp/extension/ segments are not kept"
                + " (the main XMP packet is)"), r.warnings());
    }
}
