package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.Conversion;
import dev.imbytes.Format;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.internal.metadata.MetadataBlocks;
import dev.imbytes.internal.metadata.MetadataReader;
import dev.imbytes.internal.metadata.MetadataWriter;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded mutants of images rich in metadata, straight into the metadata reader and splicer (plain
 * Java, no decoder in the way): nothing may throw, whatever the damage, and every output still
 * starts as its format and is read back by the header probe at the encoder's size.
 */
class MetadataMutantsTest {
    private static final int MUTANTS = 600;

    @ParameterizedTest
    @ValueSource(strings = {"valid/exifr/img_1771.jpg", "valid/exifr/png_with_exif_and_gps.png",
        "valid/exifr/tif-with-iptc-icc-xmp.tif", "webp:valid/exifr/tif-with-iptc-icc-xmp.tif"})
    void damagedMetadataIsDroppedOrKeptNeverThrown(String source) {
        boolean webp = source.startsWith("webp:");
        String path = webp ? source.substring(5) : source;
        byte[] original = webp ? Imbytes.convert(TestImages.bytes(path), Conversion.to(Format.WEBP).withKeepMetadata(true))
                : TestImages.bytes(path);
        Format format = Imbytes.info(original).format();
        Map<Format, byte[]> plain = new EnumMap<>(Format.class);
        for (Format to : new Format[] {Format.JPEG, Format.PNG, Format.WEBP, Format.TIFF}) {
            plain.put(to, Imbytes.convert(TestImages.bytes("valid/pillow/hopper.jpg"), Conversion.to(to)));
        }
        Random random = new Random(source.hashCode());
        int kept = 0;
        int warned = 0;
        for (int i = 0; i < MUTANTS; i++) {
            Mutants.Kind kind = Mutants.Kind.values()[i % Mutants.Kind.values().length];
            byte[] mutant = Mutants.mutate(original, kind, random);
            MetadataBlocks blocks = MetadataReader.read(ByteBuffer.wrap(mutant), format, true, 4 << 20, true);
            warned += blocks.warnings().isEmpty() ? 0 : 1;
            kept += blocks.isEmpty() ? 0 : 1;
            for (Map.Entry<Format, byte[]> e : plain.entrySet()) {
                byte[] out = MetadataWriter.splice(e.getValue(), e.getKey(), blocks, 128, 128, 3);
                assertEquals(e.getKey(), Imbytes.info(out).format(), () -> "mutant " + kind + " spliced into " + e.getKey());
                assertEquals(128, Imbytes.info(out).width());
            }
        }
        assertTrue(kept > MUTANTS / 2, "most mutants keep something: " + kept);
        assertTrue(warned > 0, "some mutants are caught: " + warned);
    }
}
