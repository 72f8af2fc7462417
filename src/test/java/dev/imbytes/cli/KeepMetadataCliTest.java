package dev.imbytes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imbytes.Conversion;
import dev.imbytes.ConversionSpec;
import dev.imbytes.Exiftool;
import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --keep-icc} and {@code --keep-metadata}: the one grammar, the files written, the warnings reported. */
class KeepMetadataCliTest {
    private static final String TIFF_SOURCE = "valid/exifr/tif-with-iptc-icc-xmp.tif";

    @Test
    void theFlagsAreTheSpecGrammarsWords() {
        Conversion c = ConversionSpec.parse("--to webp --keep-metadata").toConversion();
        assertTrue(c.keepMetadata());
        assertTrue(c.keepIccProfile(), "metadata includes the profile");
        Conversion icc = ConversionSpec.parse("--keep-icc").toConversion();
        assertTrue(icc.keepIccProfile());
        assertFalse(icc.keepMetadata());
        Conversion none = ConversionSpec.parse("--to jpg").toConversion();
        assertFalse(none.keepIccProfile() || none.keepMetadata(), "the default strips");
        assertTrue(ConversionSpec.builder().keepMetadata(true).build().toConversion().keepMetadata());
    }

    @Test
    void convertWritesTheMetadata(@TempDir Path tmp) {
        Exiftool.require();
        Path out = tmp.resolve("out.png");
        CliRun run = CliRun.run("convert", TestImages.fixture(TIFF_SOURCE).toString(), "-o", out.toString(), "--keep-metadata");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals("", run.stderr().replaceAll("(?m)^.*1 ok.*\\R?", ""), "nothing but the summary on stderr");
        byte[] written = readAll(out);
        Map<String, String> tags = Exiftool.tags(written);
        assertEquals("Canon", tags.get("IFD0:Make"));
        assertEquals("ProPhoto RGB", tags.get("ICC_Profile:ProfileDescription"));
        assertArrayEquals(Exiftool.binary(TestImages.bytes(TIFF_SOURCE), "ICC_Profile"), Exiftool.binary(written, "ICC_Profile"));
    }

    @Test
    void droppedMetadataIsAWarningOnStderrAndInTheJson(@TempDir Path tmp) throws Exception {
        ByteArrayOutputStream bad = new ByteArrayOutputStream();
        byte[] clean = Imbytes.convert(TestImages.bytes("valid/pillow/hopper.jpg"), Conversion.to(Format.JPEG));
        int at = 4 + (((clean[4] & 0xFF) << 8) | (clean[5] & 0xFF));
        bad.write(clean, 0, at);
        byte[] loop = {'E', 'x', 'i', 'f', 0, 0, 'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x69, (byte) 0x87, 4, 0, 1, 0, 0, 0, 8, 0, 0, 0,
            0, 0, 0, 0};
        bad.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, 0, (byte) (loop.length + 2)});
        bad.writeBytes(loop);
        bad.write(clean, at, clean.length - at);
        Path in = tmp.resolve("loop.jpg");
        Files.write(in, bad.toByteArray());

        CliRun run = CliRun.run("convert", in.toString(), "-o", tmp.resolve("loop.webp").toString(), "--keep-metadata", "--json");
        assertEquals(0, run.exit(), "a warning is not a failure: " + run.stderr());
        JsonNode record = new ObjectMapper().readTree(run.out().strip());
        assertEquals("ok", record.get("status").asText());
        assertEquals(1, record.get("warnings").size());
        String warning = record.get("warnings").get(0).asText();
        assertTrue(warning.startsWith("EXIF dropped: malformed (directory loop"), warning);
        assertTrue(run.stderr().contains("imbytes: " + in + ": warning: " + warning), run.stderr());

        CliRun plain = CliRun.run("convert", in.toString(), "-o", tmp.resolve("plain.webp").toString(), "--json");
        assertFalse(plain.out().contains("warnings"), "no warnings key when nothing was dropped");
    }

    private static byte[] readAll(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
