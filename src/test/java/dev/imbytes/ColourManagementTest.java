package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * ICC-tagged images come out in sRGB within ΔE 1 of LittleCMS. The references in
 * {@code src/test/resources/dev/imbytes/colour/reference/} were made by LittleCMS's {@code tificc}
 * from imbytes' own decoded (and resized) pixels, unconverted ({@code make-references.sh} there,
 * which says why the target is the ICC v2 sRGB profile), so the comparison measures the colour
 * conversion alone. ΔE is CIE76 in CIE Lab under D65 (sRGB's
 * white), from the sRGB samples; each case also reports the ΔE of the unconverted output (what
 * imbytes gave before colour management).
 */
class ColourManagementTest {
    private static final Path MADE = Path.of("src/test/resources/dev/imbytes/colour");
    private static final Path REFERENCE = MADE.resolve("reference");
    private static final Fit THUMBNAIL = Fit.within(256, 256);
    private static final DecodeOptions RAW = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED).withConvertToSrgb(false);

    /** One tagged input and its reference at one size ({@code fit} null: full size). */
    record Case(String name, Path input, Fit fit) {
        String reference() {
            return name + (fit == null ? "-full" : "-256") + ".png";
        }

        @Override
        public String toString() {
            return reference();
        }
    }

    static Stream<Case> cases() {
        Path sharp = TestImages.fixture("valid/sharp");
        return Stream.of(
                new Case("landscape-p3", MADE.resolve("landscape-p3.jpg"), null),
                new Case("landscape-p3", MADE.resolve("landscape-p3.jpg"), THUMBNAIL),
                new Case("landscape-adobergb", MADE.resolve("landscape-adobergb.webp"), null),
                new Case("landscape-adobergb", MADE.resolve("landscape-adobergb.webp"), THUMBNAIL),
                new Case("landscape-prophoto16", MADE.resolve("landscape-prophoto16.png"), null),
                new Case("landscape-prophoto16", MADE.resolve("landscape-prophoto16.png"), THUMBNAIL),
                new Case("landscape-cmyk", MADE.resolve("landscape-cmyk.jpg"), null),
                new Case("landscape-cmyk", MADE.resolve("landscape-cmyk.jpg"), THUMBNAIL),
                new Case("landscape-grey-cie-l", MADE.resolve("landscape-grey-cie-l.jpg"), null),
                new Case("landscape-grey-cie-l", MADE.resolve("landscape-grey-cie-l.jpg"), THUMBNAIL),
                new Case("landscape-srgb-v4", MADE.resolve("landscape-srgb-v4.tif"), THUMBNAIL),
                new Case("sharp-p3", sharp.resolve("p3.png"), null),
                new Case("sharp-prophoto", sharp.resolve("prophoto.png"), null),
                new Case("sharp-cmyk-swop", sharp.resolve("Channel_digital_image_CMYK_color.jpg"), null),
                new Case("sharp-cmyk-swop", sharp.resolve("Channel_digital_image_CMYK_color.jpg"), THUMBNAIL),
                new Case("sharp-concert-gray22", sharp.resolve("concert.jpg"), null),
                new Case("sharp-concert-gray22", sharp.resolve("concert.jpg"), THUMBNAIL),
                new Case("sharp-adobergb16", sharp.resolve("tifftag-photoshop.tiff"), null),
                new Case("sharp-adobergb16", sharp.resolve("tifftag-photoshop.tiff"), THUMBNAIL),
                new Case("exifr-iptc-mess-p3", TestImages.fixture("large/exifr/iptc-mess.jpg"), THUMBNAIL),
                new Case("pillow-tiff-rgb", TestImages.fixture("valid/pillow/icc_profile_big.jpg"), null),
                new Case("pillow-tiff-rgb", TestImages.fixture("valid/pillow/icc_profile_big.jpg"), THUMBNAIL));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void taggedImagesComeOutWithinDeltaE1OfLittleCms(Case c) throws IOException {
        byte[] input = Files.readAllBytes(c.input());
        ConversionResult converted = Imbytes.convertDetailed(input, toPng(c.fit(), true));
        ConversionResult unconverted = Imbytes.convertDetailed(input, toPng(c.fit(), false));
        assertEquals(List.of(), converted.warnings());
        try (ImageMat after = Imbytes.decode(converted.bytes(), RAW);
             ImageMat before = Imbytes.decode(unconverted.bytes(), RAW);
             ImageMat reference = reference(c)) {
            DeltaE was = DeltaE.between(before.mat(), reference.mat());
            DeltaE is = DeltaE.between(after.mat(), reference.mat());
            System.out.printf(Locale.ROOT, "colour %-34s ΔE76 before mean %6.2f max %6.2f -> after mean %5.2f max %5.2f%n",
                    c.reference(), was.mean(), was.max(), is.mean(), is.max());
            assertTrue(is.mean() <= 1.0, "mean ΔE " + is.mean());
            assertTrue(is.max() <= 3.0, "max ΔE " + is.max());
            if (!c.name().contains("srgb")) {
                assertTrue(was.mean() > is.mean(), "the conversion does better than OpenCV alone: " + was.mean());
            }
        }
    }

    @Test
    void sixteenBitStaysSixteenBitAndAlphaIsUntouched() throws IOException {
        byte[] prophoto = Files.readAllBytes(MADE.resolve("landscape-prophoto16.png"));
        try (ImageMat out = Imbytes.decode(Imbytes.convert(prophoto, toPng(null, true)), RAW)) {
            assertEquals(CvType.CV_16UC3, out.mat().type());
        }
        byte[] p3 = TestImages.bytes("valid/sharp/p3.png"); // RGBA
        try (ImageMat on = Imbytes.decode(Imbytes.convert(p3, toPng(null, true)), RAW);
             ImageMat off = Imbytes.decode(Imbytes.convert(p3, toPng(null, false)), RAW)) {
            assertEquals(CvType.CV_8UC4, on.mat().type());
            assertArrayEquals(alpha(off.mat()), alpha(on.mat()));
        }
    }

    @Test
    void decodeConvertsToo() throws IOException {
        byte[] p3 = Files.readAllBytes(MADE.resolve("landscape-p3.jpg"));
        try (ImageMat decoded = Imbytes.decode(p3);
             ImageMat reference = reference(new Case("landscape-p3", null, null))) {
            DeltaE d = DeltaE.between(decoded.mat(), reference.mat());
            assertTrue(d.mean() <= 1.0 && d.max() <= 3.0, d.toString());
        }
        try (ImageMat raw = Imbytes.decode(p3, DecodeOptions.defaults().withConvertToSrgb(false));
             ImageMat reference = reference(new Case("landscape-p3", null, null))) {
            assertTrue(DeltaE.between(raw.mat(), reference.mat()).mean() > 1.0);
        }
    }

    @Test
    void untaggedAndSrgbTaggedImagesAreNotTouched() throws IOException {
        for (Path input : List.of(TestImages.fixture("valid/pillow/hopper.jpg"), TestImages.fixture("valid/pillow/rgb.jpg"),
                TestImages.fixture("valid/pillow/icc_profile.png"), TestImages.fixture("valid/libjpeg-turbo/monkey16.png"),
                MADE.resolve("landscape-srgb-v4.tif"))) {
            byte[] bytes = Files.readAllBytes(input);
            assertArrayEquals(Imbytes.convert(bytes, toPng(THUMBNAIL, false)), Imbytes.convert(bytes, toPng(THUMBNAIL, true)),
                    input.toString());
        }
    }

    @Test
    void aProfileOverTheLimitIsIgnoredWithAWarningAndTheFormulaIsUsed() throws IOException {
        byte[] cmyk = TestImages.bytes("valid/sharp/Channel_digital_image_CMYK_color.jpg");
        Conversion limited = toPng(null, true);
        limited = limited.withDecodeOptions(limited.decodeOptions().withLimits(Limits.defaults().withMaxIccBytes(500_000)));
        ConversionResult r = Imbytes.convertDetailed(cmyk, limited);
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("over the limit of 500000 (Limits.withMaxIccBytes)"), r.warnings().get(0));
        assertArrayEquals(Imbytes.convert(cmyk, toPng(null, false)), r.bytes());
    }

    @Test
    void aGreyFileDecodedInColourGoesThroughItsGreyProfile() throws IOException {
        byte[] concert = TestImages.bytes("valid/sharp/concert.jpg");
        try (ImageMat colour = Imbytes.decode(concert);
             ImageMat reference = reference(new Case("sharp-concert-gray22", null, null))) {
            assertEquals(3, colour.mat().channels());
            DeltaE d = DeltaE.between(colour.mat(), reference.mat());
            assertTrue(d.mean() <= 1.0 && d.max() <= 3.0, d.toString());
        }
    }

    @Test
    void anRgbFileDecodedInGreyscaleModeIsLeftAsDecoded() throws IOException {
        byte[] p3 = Files.readAllBytes(MADE.resolve("landscape-p3.jpg"));
        DecodeOptions grey = DecodeOptions.defaults().withMode(ReadMode.GRAYSCALE);
        try (ImageMat on = Imbytes.decode(p3, grey); ImageMat off = Imbytes.decode(p3, grey.withConvertToSrgb(false))) {
            assertTrue(Pixels.identical(on.mat(), off.mat()));
        }
    }

    @Test
    void unusableProfilesAreWarningsNotFailures() throws IOException {
        // a grey JPEG carrying an RGB (Display P3) profile
        byte[] p3Profile = dev.imbytes.internal.metadata.IccProfileReader.read(TestImages.bytes("valid/sharp/p3.png"),
                Format.PNG, Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
        byte[] grey = TestImages.bytes("valid/pillow/hopper_gray.jpg");
        ConversionResult mismatched = Imbytes.convertDetailed(withApp2(grey, p3Profile), toPng(null, true));
        assertEquals(1, mismatched.warnings().size(), mismatched.warnings().toString());
        assertTrue(mismatched.warnings().get(0).contains("describes RGB samples, but the image's are gray"),
                mismatched.warnings().get(0));
        assertArrayEquals(Imbytes.convert(grey, toPng(null, true)), mismatched.bytes());
        // a profile whose header says it is longer than the data
        byte[] cut = java.util.Arrays.copyOf(p3Profile, p3Profile.length - 100);
        byte[] rgb = TestImages.bytes("valid/pillow/hopper.jpg");
        ConversionResult truncated = Imbytes.convertDetailed(withApp2(rgb, cut), toPng(null, true));
        assertEquals(1, truncated.warnings().size(), truncated.warnings().toString());
        assertArrayEquals(Imbytes.convert(rgb, toPng(null, true)), truncated.bytes());
    }

    @Test
    void damagedProfilesNeverFailAConversion() {
        byte[] rgb = TestImages.bytes("valid/pillow/hopper.jpg");
        byte[] grey = TestImages.bytes("valid/pillow/hopper_gray.jpg");
        java.util.Random random = new java.util.Random(13);
        int warned = 0;
        int converted = 0;
        for (String tagged : List.of("valid/sharp/p3.png", "valid/sharp/Channel_digital_image_CMYK_color.jpg",
                "valid/sharp/concert.jpg", "valid/sharp/tifftag-photoshop.tiff")) {
            byte[] file = TestImages.bytes(tagged);
            byte[] profile = dev.imbytes.internal.metadata.IccProfileReader.read(file,
                    dev.imbytes.internal.probe.HeaderProbe.probe(java.nio.ByteBuffer.wrap(file)).format(),
                    Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow();
            for (int i = 0; i < 40; i++) {
                byte[] damaged = profile.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    int at = random.nextInt(Math.min(damaged.length, 4096)); // the header and tag table
                    damaged[at] ^= (byte) (1 << random.nextInt(8));
                }
                if (damaged.length > 65_000) {
                    continue; // one APP2 segment holds 65,519 bytes at most
                }
                byte[] image = withApp2(tagged.endsWith("concert.jpg") ? grey : rgb, damaged);
                ConversionResult r = Imbytes.convertDetailed(image, Conversion.to(JpegOptions.quality(85)).withFit(THUMBNAIL));
                assertTrue(r.bytes().length > 0);
                warned += r.warnings().isEmpty() ? 0 : 1;
                converted++;
            }
        }
        assertTrue(converted >= 100, "mutants tried: " + converted);
        System.out.println("colour damaged profiles: " + warned + " of " + converted + " ignored with a warning, the rest applied");
    }

    @Test
    void theCommandLineFlagKeepsTheStoredSamples(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path input = MADE.resolve("landscape-p3.jpg");
        byte[] bytes = Files.readAllBytes(input);
        for (boolean flag : new boolean[] {false, true}) {
            Path out = dir.resolve(flag + ".png");
            String[] args = flag ? new String[] {"convert", input.toString(), "-o", out.toString(), "--no-colour-convert"}
                    : new String[] {"convert", input.toString(), "-o", out.toString()};
            assertEquals(0, dev.imbytes.cli.Main.run(java.io.InputStream.nullInputStream(),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), args));
            Conversion c = Conversion.to(PngOptions.defaults());
            assertArrayEquals(Imbytes.convert(bytes, c.withDecodeOptions(c.decodeOptions().withConvertToSrgb(!flag))),
                    Files.readAllBytes(out), "--no-colour-convert " + flag);
        }
    }

    @Test
    void threadsShareThePreparedConversionsAndGetTheSameBytes() throws Exception {
        List<byte[]> inputs = List.of(Files.readAllBytes(MADE.resolve("landscape-p3.jpg")),
                Files.readAllBytes(MADE.resolve("landscape-cmyk.jpg")), Files.readAllBytes(MADE.resolve("landscape-grey-cie-l.jpg")),
                Files.readAllBytes(MADE.resolve("landscape-prophoto16.png")));
        Conversion jpeg = Conversion.to(JpegOptions.quality(85)).withFit(THUMBNAIL);
        List<byte[]> expected = new java.util.ArrayList<>();
        for (byte[] in : inputs) {
            expected.add(Imbytes.convert(in, jpeg));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> same = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int k = i % inputs.size();
                same.add(pool.submit(() -> java.util.Arrays.equals(expected.get(k), Imbytes.convert(inputs.get(k), jpeg))));
            }
            for (java.util.concurrent.Future<Boolean> f : same) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** {@code jpeg} with an APP2 ICC segment holding {@code profile} right after SOI (any earlier one stays too). */
    private static byte[] withApp2(byte[] jpeg, byte[] profile) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 14 + profile.length;
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE2, (byte) (length >> 8), (byte) length}, 0, 4);
        out.writeBytes("ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        out.write(new byte[] {1, 1}, 0, 2);
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static Conversion toPng(Fit fit, boolean convertToSrgb) {
        Conversion c = Conversion.to(PngOptions.defaults());
        c = c.withDecodeOptions(c.decodeOptions().withConvertToSrgb(convertToSrgb));
        return fit == null ? c : c.withFit(fit);
    }

    /** The LittleCMS reference; a CMYK one is made at full size only and resized here like the pipeline would. */
    private static ImageMat reference(Case c) throws IOException {
        Path full = REFERENCE.resolve(c.name() + "-full.png");
        Path exact = REFERENCE.resolve(c.reference());
        if (Files.exists(exact)) {
            return Imbytes.decode(Files.readAllBytes(exact), RAW);
        }
        try (ImageMat whole = Imbytes.decode(Files.readAllBytes(full), RAW)) {
            return Imbytes.resize(whole.mat(), c.fit());
        }
    }

    private static byte[] alpha(Mat bgra) {
        Mat a = new Mat();
        try {
            Core.extractChannel(bgra, a, 3);
            byte[] out = new byte[(int) a.total()];
            a.get(0, 0, out);
            return out;
        } finally {
            a.release();
        }
    }
}
