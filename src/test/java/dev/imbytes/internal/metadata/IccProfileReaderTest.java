package dev.imbytes.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.internal.probe.HeaderProbe;

import dev.imbytes.hostile.Crafted;
import dev.imbytes.Format;
import dev.imbytes.Limits;
import dev.imbytes.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ICC reader against real tagged files, whose expected profiles were extracted by exiftool
 * ({@code embedded-profiles.tsv}), and against damaged containers made here from those files.
 */
class IccProfileReaderTest {
    private static final Path TABLE = Path.of("src/test/resources/dev/imbytes/colour/embedded-profiles.tsv");
    private static final Path CMYK_3_CHUNKS = Path.of("src/test/resources/dev/imbytes/colour/landscape-cmyk.jpg");
    private static final Path P3_PNG = TestImages.fixture("valid/sharp/p3.png");

    record Expected(Path file, int bytes, String sha256) {
        @Override
        public String toString() {
            return file.toString();
        }
    }

    static Stream<Expected> embedded() throws IOException {
        return Files.readAllLines(TABLE).stream().skip(1).map(l -> l.split("\t"))
                .map(c -> new Expected(Path.of(c[0]), Integer.parseInt(c[1]), c[2]));
    }

    @ParameterizedTest
    @MethodSource("embedded")
    void readsTheProfileExiftoolExtracts(Expected e) throws Exception {
        byte[] file = Files.readAllBytes(e.file());
        List<String> warnings = new ArrayList<>();
        Optional<byte[]> profile = IccProfileReader.read(file, format(file), Limits.DEFAULT_MAX_ICC_BYTES, warnings::add);
        assertTrue(profile.isPresent(), "no profile found");
        assertEquals(e.bytes(), profile.get().length);
        assertEquals(e.sha256(), sha256(profile.get()));
        assertEquals(List.of(), warnings);
    }

    @Test
    void untaggedFilesHaveNoProfileAndNoWarning() throws Exception {
        for (String path : List.of("valid/pillow/hopper.jpg", "valid/pillow/hopper.webp", "valid/pillow/hopper.tif",
                "valid/pngsuite/basn2c08.png", "valid/libwebp-test-data/lossy_alpha1.webp", "valid/pillow/pal8.bmp")) {
            byte[] file = Files.readAllBytes(TestImages.fixture(path));
            List<String> warnings = new ArrayList<>();
            assertEquals(Optional.empty(), IccProfileReader.read(file, format(file), Limits.DEFAULT_MAX_ICC_BYTES, warnings::add)
                    .map(p -> "a profile"), path);
            assertEquals(List.of(), warnings, path);
        }
    }

    @Test
    void theByteBufferFormReadsFromItsPositionAndLeavesItThere() throws Exception {
        byte[] file = Files.readAllBytes(P3_PNG);
        byte[] padded = new byte[file.length + 10];
        System.arraycopy(file, 0, padded, 7, file.length);
        ByteBuffer buffer = ByteBuffer.wrap(padded, 7, file.length);
        Optional<byte[]> profile = IccProfileReader.read(buffer, Format.PNG, Limits.DEFAULT_MAX_ICC_BYTES, w -> { });
        assertEquals(548, profile.orElseThrow().length);
        assertEquals(7, buffer.position());
    }

    @Test
    void aProfileOverTheLimitIsIgnoredWithAWarning() throws Exception {
        byte[] file = Files.readAllBytes(CMYK_3_CHUNKS);
        List<String> warnings = new ArrayList<>();
        assertTrue(IccProfileReader.read(file, Format.JPEG, 100_000, warnings::add).isEmpty());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("over the limit of 100000"), warnings.get(0));
        assertEquals(187_484, IccProfileReader.read(file, Format.JPEG, 187_484, w -> { }).orElseThrow().length);
    }

    @Test
    void aMissingJpegChunkIsIgnoredWithAWarning() throws Exception {
        byte[] file = Files.readAllBytes(CMYK_3_CHUNKS);
        byte[] withoutSecond = removeApp2(file, 2);
        assertWarns(withoutSecond, Format.JPEG, "chunk 2 of 3 is missing");
    }

    @Test
    void aRepeatedJpegChunkIsIgnoredWithAWarning() throws Exception {
        byte[] file = Files.readAllBytes(CMYK_3_CHUNKS);
        int second = app2(file, 2);
        int length = (file[second + 2] & 0xFF) << 8 | file[second + 3] & 0xFF;
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        twice.write(file, 0, second + 2 + length);
        twice.write(file, second, file.length - second);
        assertWarns(twice.toByteArray(), Format.JPEG, "numbered inconsistently");
    }

    @Test
    void aPngProfileThatInflatesPastTheLimitStopsThere() {
        // 64 MiB of zeros deflate to about 64 KB: the reader must stop at the limit, not inflate them all.
        byte[] zlib = deflate(new byte[64 << 20]);
        byte[] png = pngWithIccp(iccpPayload(zlib));
        long start = System.nanoTime();
        assertWarns(png, Format.PNG, "inflates to more than the limit of 4194304");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "stopped at the limit");
    }

    @Test
    void damagedPngProfilesAreIgnoredWithAWarning() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8};
        assertWarns(pngWithIccp(iccpPayload(garbage)), Format.PNG, "not a valid zlib stream");
        byte[] truncated = java.util.Arrays.copyOf(deflate(new byte[500]), 6);
        assertWarns(pngWithIccp(iccpPayload(truncated)), Format.PNG, "cut short");
        assertWarns(pngWithIccp(iccpPayload(deflate(new byte[500]))), Format.PNG, "lacks the 'acsp' signature");
        byte[] noName = iccpPayload(deflate(new byte[500]));
        noName[0] = 0;
        assertWarns(pngWithIccp(noName), Format.PNG, "no valid profile name");
    }

    @Test
    void aProfileLongerThanItsHeaderSaysIsTrimmedAndShorterIsIgnored() throws Exception {
        byte[] profile = IccProfileReader.read(Files.readAllBytes(P3_PNG), Format.PNG, Limits.DEFAULT_MAX_ICC_BYTES, w -> { })
                .orElseThrow();
        byte[] padded = java.util.Arrays.copyOf(profile, profile.length + 3);
        assertArrayEquals(profile, IccProfileReader.read(pngWithIccp(iccpPayload(deflate(padded))), Format.PNG,
                Limits.DEFAULT_MAX_ICC_BYTES, w -> { }).orElseThrow());
        byte[] cut = java.util.Arrays.copyOf(profile, profile.length - 1);
        assertWarns(pngWithIccp(iccpPayload(deflate(cut))), Format.PNG, "declares 548 bytes, but 547 are stored");
    }

    @Test
    void aTiffProfileOutsideTheFileIsIgnoredWithAWarning() throws Exception {
        byte[] file = Files.readAllBytes(Path.of("src/test/resources/dev/imbytes/colour/landscape-srgb-v4.tif"));
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 20_000); // the profile is written last
        assertWarns(cut, Format.TIFF, "cut short");
    }

    private static void assertWarns(byte[] file, Format format, String expected) {
        List<String> warnings = new ArrayList<>();
        Optional<byte[]> profile = IccProfileReader.read(file, format, Limits.DEFAULT_MAX_ICC_BYTES, warnings::add);
        assertTrue(profile.isEmpty(), "a profile was returned");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("the embedded ICC profile was ignored: "), warnings.get(0));
        assertTrue(warnings.get(0).contains(expected), warnings.get(0));
    }

    private static Format format(byte[] file) {
        return HeaderProbe.probe(ByteBuffer.wrap(file)).format();
    }

    /** The offset of the APP2 ICC segment with sequence number {@code seq}. */
    private static int app2(byte[] jpeg, int seq) {
        for (int i = 2; i + 18 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xE2
                    && new String(jpeg, i + 4, 11, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ICC_PROFILE")
                    && jpeg[i + 16] == seq) {
                return i;
            }
        }
        throw new AssertionError("no APP2 chunk " + seq);
    }

    private static byte[] removeApp2(byte[] jpeg, int seq) {
        int at = app2(jpeg, seq);
        int length = (jpeg[at + 2] & 0xFF) << 8 | jpeg[at + 3] & 0xFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(jpeg, at + 2 + length, jpeg.length - at - 2 - length);
        return out.toByteArray();
    }

    /** {@code data} as a zlib stream, what an iCCP chunk holds. */
    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(zlib, new Deflater(9))) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zlib.toByteArray();
    }

    private static byte[] iccpPayload(byte[] zlib) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes("test\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        p.writeBytes(zlib);
        return p.toByteArray();
    }

    /** A 1×1 grey PNG with an iCCP chunk holding {@code payload}. */
    private static byte[] pngWithIccp(byte[] payload) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        png.writeBytes(Crafted.chunk("IHDR", new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0}));
        png.writeBytes(Crafted.chunk("iCCP", payload));
        png.writeBytes(Crafted.chunk("IDAT", deflate(new byte[] {0, 0})));
        png.writeBytes(Crafted.chunk("IEND", new byte[0]));
        return png.toByteArray();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
