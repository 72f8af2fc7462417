package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Node;

/**
 * {@link Conversion#withKeepMetadata} and {@link Conversion#withKeepIccProfile} round trips, read
 * back by readers that share no code with imbytes: ExifTool for EXIF, XMP and WebP, the JDK's
 * ImageIO metadata trees for the ICC profile of JPEG, PNG and TIFF.
 */
class MetadataTest {
    static final String TIFF_SOURCE = "valid/exifr/tif-with-iptc-icc-xmp.tif";
    static final String CANON_JPEG = "valid/exifr/img_1771.jpg";
    static final String PNG_GPS = "valid/exifr/png_with_exif_and_gps.png";

    /** The output formats that hold an ICC profile, EXIF and XMP. */
    enum Container {
        JPEG(Format.JPEG), PNG(Format.PNG), WEBP(Format.WEBP), TIFF(Format.TIFF);

        final Format format;

        Container(Format format) {
            this.format = format;
        }
    }

    static ConversionResult keep(String source, Format to) {
        return Imbytes.convertDetailed(TestImages.bytes(source), Conversion.to(to).withKeepMetadata(true));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void exifXmpAndIccRoundTripIntoEveryContainer(Container c) {
        Exiftool.require();
        byte[] source = TestImages.bytes(TIFF_SOURCE);
        Map<String, String> before = Exiftool.tags(source);
        ConversionResult r = keep(TIFF_SOURCE, c.format);
        Map<String, String> after = Exiftool.tags(r.bytes());

        assertEquals(java.util.List.of(), r.warnings());
        assertArrayEquals(Exiftool.binary(source, "ICC_Profile"), Exiftool.binary(r.bytes(), "ICC_Profile"),
                "ICC profile byte-exact");
        assertEquals("ProPhoto RGB", after.get("ICC_Profile:ProfileDescription"));
        for (String tag : new String[] {"IFD0:Make", "IFD0:Model", "ExifIFD:DateTimeOriginal", "ExifIFD:ExposureTime",
                "ExifIFD:LensModel", "XMP-x:XMPToolkit", "XMP-xmp:CreatorTool"}) {
            assertNotNull(before.get(tag), tag + " in the source");
            assertEquals(before.get(tag), after.get(tag), tag);
        }
        assertEquals("1", after.get("IFD0:Orientation"));
        assertEquals(c == Container.TIFF ? null : "35", after.get("ExifIFD:ExifImageWidth"),
                "EXIF pixel size is the output's (a TIFF has its own, in IFD0)");
        assertEquals(c == Container.TIFF ? null : "23", after.get("ExifIFD:ExifImageHeight"));
        assertFalse(after.containsKey("ExifTool:Error"), () -> after.get("ExifTool:Error"));
        assertFalse(after.containsKey("ExifTool:Warning"), () -> after.get("ExifTool:Warning"));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void iccProfileIsByteExactForTheJdkReader(Container c) throws IOException {
        Exiftool.require();
        byte[] profile = Exiftool.binary(TestImages.bytes(TIFF_SOURCE), "ICC_Profile");
        assertTrue(profile.length > 128);
        ConversionResult r = Imbytes.convertDetailed(TestImages.bytes(TIFF_SOURCE),
                Conversion.to(c.format).withKeepIccProfile(true));
        if (c == Container.JPEG) { // the JDK hands JPEG's profile over as an ICC_Profile, rewritten by its CMM
            java.awt.color.ICC_Profile jdk = jdkJpegIcc(r.bytes());
            java.awt.color.ICC_Profile expected = java.awt.color.ICC_Profile.getInstance(profile);
            int desc = java.awt.color.ICC_Profile.icSigProfileDescriptionTag;
            assertArrayEquals(expected.getData(desc), jdk.getData(desc));
            assertArrayEquals(expected.getData(java.awt.color.ICC_Profile.icSigRedColorantTag),
                    jdk.getData(java.awt.color.ICC_Profile.icSigRedColorantTag));
            assertArrayEquals(profile, Exiftool.binary(r.bytes(), "ICC_Profile"));
        } else {
            byte[] written = c == Container.WEBP ? Exiftool.binary(r.bytes(), "ICC_Profile") : jdkIcc(r.bytes(), c);
            assertArrayEquals(profile, written);
        }
        Map<String, String> tags = Exiftool.tags(r.bytes());
        assertFalse(tags.keySet().stream().anyMatch(k -> k.startsWith("ExifIFD:") || k.startsWith("XMP")),
                () -> "--keep-icc keeps the profile only: " + tags.keySet());
        assertFalse(tags.containsKey("IFD0:Make"));
    }

    /** The ICC profile as the JDK's ImageIO plugins read it: PNG iCCP (inflated here), TIFF tag 34675. */
    static byte[] jdkIcc(byte[] encoded, Container c) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            IIOMetadata meta = reader.getImageMetadata(0);
            try {
                switch (c) {
                    case PNG -> {
                        return inflate((byte[]) ((IIOMetadataNode) find(meta.getAsTree("javax_imageio_png_1.0"), "iCCP"))
                                .getUserObject());
                    }
                    default -> {
                        TIFFField f = TIFFDirectory.createFromMetadata(meta).getTIFFField(34675);
                        byte[] out = new byte[f.getCount()];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = (byte) f.getAsInt(i);
                        }
                        return out;
                    }
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /** The JPEG reader's app2ICC node: the JDK joins the APP2 chunks and parses the profile. */
    static java.awt.color.ICC_Profile jdkJpegIcc(byte[] jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                Node app2 = find(reader.getImageMetadata(0).getAsTree("javax_imageio_jpeg_image_1.0"), "app2ICC");
                assertNotNull(app2, "no app2ICC node");
                return (java.awt.color.ICC_Profile) ((IIOMetadataNode) app2).getUserObject();
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] inflate(byte[] zlib) throws IOException {
        try (java.util.zip.InflaterInputStream in = new java.util.zip.InflaterInputStream(new ByteArrayInputStream(zlib))) {
            return in.readAllBytes();
        }
    }

    private static Node find(Node n, String name) {
        if (n.getNodeName().equals(name)) {
            return n;
        }
        for (Node k = n.getFirstChild(); k != null; k = k.getNextSibling()) {
            Node hit = find(k, name);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void thumbnailAndMakerNoteAreDroppedTheRestKept(Container c) {
        Exiftool.require();
        Map<String, String> before = Exiftool.tags(TestImages.bytes(CANON_JPEG));
        assertNotNull(before.get("IFD1:ThumbnailLength"), "the source has a thumbnail");
        assertTrue(before.keySet().stream().anyMatch(k -> k.startsWith("Canon:")), "the source has a MakerNote");
        Map<String, String> after = Exiftool.tags(keep(CANON_JPEG, c.format).bytes());
        assertFalse(after.keySet().stream().anyMatch(k -> k.startsWith("IFD1:")), () -> "IFD1 left: " + after.keySet());
        assertFalse(after.keySet().stream().anyMatch(k -> k.startsWith("Canon") && !k.equals("IFD0:Make")),
                () -> "MakerNote left: " + after.keySet());
        assertEquals(before.get("ExifIFD:DateTimeOriginal"), after.get("ExifIFD:DateTimeOriginal"));
        assertEquals(before.get("ExifIFD:FNumber"), after.get("ExifIFD:FNumber"));
        assertEquals(before.get("InteropIFD:InteropIndex"), after.get("InteropIFD:InteropIndex"));
        if (c != Container.TIFF) { // a TIFF's EXIF takes the file's byte order
            assertEquals("II", after.get("File:ExifByteOrder"));
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void gpsFromAPngEXIfChunkIsKept(Container c) {
        Exiftool.require();
        Map<String, String> before = Exiftool.tags(TestImages.bytes(PNG_GPS));
        Map<String, String> after = Exiftool.tags(keep(PNG_GPS, c.format).bytes());
        assertNotNull(before.get("GPS:GPSLatitude"));
        assertEquals(before.get("GPS:GPSLatitude"), after.get("GPS:GPSLatitude"));
        assertEquals(before.get("GPS:GPSLongitude"), after.get("GPS:GPSLongitude"));
        assertEquals(before.get("XMP-x:XMPToolkit"), after.get("XMP-x:XMPToolkit"));
        assertFalse(after.keySet().stream().anyMatch(k -> k.startsWith("IFD1:")));
    }

    @Test
    void orientationBecomesOneWhenThePixelsAreTurnedBigEndianToo() {
        Exiftool.require();
        String landscape6 = "orientation/exif-orientation-examples/Landscape_6.jpg";
        Map<String, String> before = Exiftool.tags(TestImages.bytes(landscape6));
        assertEquals("6", before.get("IFD0:Orientation"));
        ConversionResult r = keep(landscape6, Format.JPEG);
        Map<String, String> after = Exiftool.tags(r.bytes());
        assertEquals("1", after.get("IFD0:Orientation"));
        assertEquals("MM", after.get("File:ExifByteOrder"), "the source's byte order is kept");
        assertEquals(1800, r.outputWidth(), "the pixels were turned");
        assertEquals(1200, r.outputHeight());

        ConversionResult stored = Imbytes.convertDetailed(TestImages.bytes(landscape6), Conversion.to(Format.JPEG)
                .withKeepMetadata(true).withDecodeOptions(DecodeOptions.defaults().withMode(ReadMode.UNCHANGED)
                        .withApplyOrientation(false)));
        assertEquals(1200, stored.outputWidth());
        assertEquals("6", Exiftool.tags(stored.bytes()).get("IFD0:Orientation"),
                "pixels not turned: the tag still says how to show them");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void theDefaultStripsEverything(Container c) {
        Exiftool.require();
        for (String source : new String[] {TIFF_SOURCE, CANON_JPEG, PNG_GPS}) {
            ConversionResult r = Imbytes.convertDetailed(TestImages.bytes(source), Conversion.to(c.format));
            Map<String, String> tags = Exiftool.tags(r.bytes());
            assertFalse(tags.keySet().stream().anyMatch(k -> k.startsWith("ICC") || k.startsWith("ExifIFD:")
                    || k.startsWith("GPS:") || k.startsWith("XMP") || k.equals("IFD0:Make")), () -> source + ": " + tags.keySet());
            assertEquals(java.util.List.of(), r.warnings());
        }
    }

    @Test
    void aFormatWithoutMetadataSaysSo() {
        ConversionResult r = keep(TIFF_SOURCE, Format.BMP);
        assertEquals(java.util.List.of("metadata dropped: bmp output cannot hold an ICC profile, EXIF or XMP"), r.warnings());
    }

    @Test
    void aWebpSourceKeepsItsBlocksIntoAnotherFormat() {
        Exiftool.require();
        byte[] webp = keep(TIFF_SOURCE, Format.WEBP).bytes();
        ConversionResult again = Imbytes.convertDetailed(webp, Conversion.to(Format.JPEG).withKeepMetadata(true));
        assertEquals(java.util.List.of(), again.warnings());
        Map<String, String> before = Exiftool.tags(TestImages.bytes(TIFF_SOURCE));
        Map<String, String> after = Exiftool.tags(again.bytes());
        for (String tag : new String[] {"IFD0:Make", "ExifIFD:DateTimeOriginal", "XMP-x:XMPToolkit", "ICC_Profile:ProfileDescription"}) {
            assertEquals(before.get(tag), after.get(tag), tag);
        }
        assertArrayEquals(Exiftool.binary(TestImages.bytes(TIFF_SOURCE), "ICC_Profile"), Exiftool.binary(again.bytes(), "ICC_Profile"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aWebpWithAlphaGetsAVp8xThatKeepsTheAlpha(boolean lossless) {
        Exiftool.require();
        byte[] png = TestImages.bytes("valid/pngsuite/basn6a08.png");
        byte[] exif = MalformedMetadataTest.chunk("eXIf", MalformedMetadataTest.tiff(1,
                MalformedMetadataTest.entry(271, 2, 4, "Cam\0")));
        byte[] input = new byte[png.length + exif.length];
        System.arraycopy(png, 0, input, 0, 33); // after IHDR
        System.arraycopy(exif, 0, input, 33, exif.length);
        System.arraycopy(png, 33, input, 33 + exif.length, png.length - 33);
        WebpOptions options = lossless ? WebpOptions.defaults().withLossless(true) : WebpOptions.defaults();
        ConversionResult r = Imbytes.convertDetailed(input, Conversion.to(options).withKeepMetadata(true));
        assertEquals("Cam", Exiftool.tags(r.bytes()).get("IFD0:Make"));
        assertEquals("VP8X", new String(r.bytes(), 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0x18, r.bytes()[20] & 0x3C, "VP8X flags: alpha and EXIF");
        try (ImageMat decoded = Imbytes.decode(r.bytes(), DecodeOptions.defaults().withMode(ReadMode.UNCHANGED))) {
            assertEquals(4, decoded.mat().channels(), "libwebp still sees the alpha");
        }
    }

    @Test
    void aKeptProfileTravelsWithUnconvertedPixels() throws IOException {
        byte[] source = TestImages.bytes(TIFF_SOURCE); // ProPhoto RGB: converting to sRGB changes every pixel
        byte[] kept = Imbytes.convert(source, Conversion.to(Format.PNG).withKeepIccProfile(true));
        byte[] asStored = Imbytes.convert(source, Conversion.to(Format.PNG)
                .withDecodeOptions(DecodeOptions.defaults().withMode(ReadMode.UNCHANGED).withConvertToSrgb(false)));
        byte[] converted = Imbytes.convert(source, Conversion.to(Format.PNG));
        int[] keptPixels = jdkPixels(kept);
        assertArrayEquals(jdkPixels(asStored), keptPixels, "--keep-icc: the stored samples, not converted");
        assertFalse(java.util.Arrays.equals(jdkPixels(converted), keptPixels), "the default converts them");
    }

    /** The RGB samples as the JDK's PNG reader decodes them (the profile not applied). */
    private static int[] jdkPixels(byte[] png) throws IOException {
        java.awt.image.BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    @Test
    void aProfileOfAnotherColourSpaceIsNotAttached() {
        Exiftool.require();
        // A YCCK JPEG's SWOP profile describes inks; the output holds the RGB it decodes to.
        ConversionResult cmyk = Imbytes.convertDetailed(TestImages.bytes("valid/sharp/Channel_digital_image_CMYK_color.jpg"),
                Conversion.to(Format.JPEG).withKeepIccProfile(true));
        assertEquals(java.util.List.of("ICC profile dropped: its colour space 'CMYK' does not describe the 3-channel output"),
                cmyk.warnings());
        assertFalse(Exiftool.tags(cmyk.bytes()).keySet().stream().anyMatch(k -> k.startsWith("ICC")));
        // A grey JPEG stays grey (conversions decode UNCHANGED): its Gray Gamma 2.2 profile goes with it.
        byte[] grey = TestImages.bytes("valid/sharp/concert.jpg");
        ConversionResult kept = Imbytes.convertDetailed(grey, Conversion.to(Format.PNG).withKeepIccProfile(true));
        assertEquals(java.util.List.of(), kept.warnings());
        assertArrayEquals(Exiftool.binary(grey, "ICC_Profile"), Exiftool.binary(kept.bytes(), "ICC_Profile"));
    }

    @Test
    void xmpOrientationFollowsTheExifOne() {
        Exiftool.require();
        byte[] exif = MalformedMetadataTest.tiff(1, MalformedMetadataTest.entry(274, 3, 1, 6));
        String xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                + "<rdf:Description rdf:about='' xmlns:tiff='http://ns.adobe.com/tiff/1.0/' tiff:Orientation='6'/>"
                + "</rdf:RDF></x:xmpmeta>";
        byte[] input = MalformedMetadataTest.withSegment(MalformedMetadataTest.jpegWith(0xE1,
                MalformedMetadataTest.concat("Exif\0\0", exif)), 0xE1,
                MalformedMetadataTest.concat("http://ns.adobe.com/xap/1.0/\0", xmp.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> before = Exiftool.tags(input);
        assertEquals("6", before.get("IFD0:Orientation"));
        assertEquals("6", before.get("XMP-tiff:Orientation"));
        ConversionResult r = Imbytes.convertDetailed(input, Conversion.to(Format.PNG).withKeepMetadata(true));
        Map<String, String> after = Exiftool.tags(r.bytes());
        assertEquals("1", after.get("IFD0:Orientation"));
        assertEquals("1", after.get("XMP-tiff:Orientation"));
        assertEquals(128, r.outputWidth());
    }

    /**
     * Runs without ExifTool: the JDK's TIFF and PNG plugins read what imbytes wrote (the TIFF plugin
     * skips tags outside its tag sets, such as XMP's 700, which the ExifTool cases check).
     */
    @Test
    void theJdkReadsTheTiffTagsAndThePngXmp() throws IOException {
        ConversionResult tiff = keep(TIFF_SOURCE, Format.TIFF);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(tiff.bytes()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            TIFFDirectory ifd0 = TIFFDirectory.createFromMetadata(reader.getImageMetadata(0));
            assertEquals("Canon", ifd0.getTIFFField(271).getAsString(0).trim());
            assertEquals(1, ifd0.getTIFFField(274).getAsInt(0));
            TIFFField exifIfd = ifd0.getTIFFField(34665);
            assertNotNull(exifIfd, "EXIF IFD pointer");
            TIFFDirectory exif = (TIFFDirectory) exifIfd.getDirectory();
            assertNotNull(exif.getTIFFField(36867), "DateTimeOriginal");
            assertEquals(null, exif.getTIFFField(40962), "no ExifImageWidth in a TIFF");
            reader.dispose();
        }
        ConversionResult png = keep(TIFF_SOURCE, Format.PNG);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png.bytes()))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            Node itxt = find(reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0"), "iTXtEntry");
            assertNotNull(itxt, "an iTXt chunk");
            assertEquals("XML:com.adobe.xmp", ((IIOMetadataNode) itxt).getAttribute("keyword"));
            assertTrue(((IIOMetadataNode) itxt).getAttribute("text").contains("<x:xmpmeta"));
            reader.dispose();
        }
    }

    @Test
    void aProfileOfSevenApp2ChunksIsWrittenInChunksAndReadBackWhole() throws IOException {
        Exiftool.require();
        byte[] source = TestImages.bytes("valid/pillow/icc_profile_big.jpg");
        byte[] profile = Exiftool.binary(source, "ICC_Profile");
        assertTrue(profile.length > 6 * 65_519, "more than six APP2 chunks: " + profile.length);
        ConversionResult r = Imbytes.convertDetailed(source, Conversion.to(Format.JPEG).withKeepIccProfile(true));
        assertEquals(java.util.List.of(), r.warnings());
        assertArrayEquals(profile, Exiftool.binary(r.bytes(), "ICC_Profile"));
        int desc = java.awt.color.ICC_Profile.icSigProfileDescriptionTag;
        assertArrayEquals(java.awt.color.ICC_Profile.getInstance(profile).getData(desc), jdkJpegIcc(r.bytes()).getData(desc),
                "the JDK joins the chunks into the same profile");
    }
}
