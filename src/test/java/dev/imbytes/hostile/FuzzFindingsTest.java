package dev.imbytes.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imbytes.CorruptImageException;
import dev.imbytes.DecodeOptions;
import dev.imbytes.Imbytes;
import dev.imbytes.TestImages;
import dev.imbytes.internal.probe.HeaderProbe;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the fuzzers found, kept as regressions. */
class FuzzFindingsTest {

    /**
     * Found by the decode target in the first `mvn verify` fuzz run: a BMP whose compression field
     * is outside RGB/RLE8/RLE4/BITFIELDS made OpenCV's BMP decoder fail an assertion and log it on
     * stderr ("m_rle_code_ >= 0 && m_rle_code_ <= BMP_BITFIELDS"). The probe now calls it a defect,
     * so strict decoding refuses it before OpenCV sees it.
     */
    @Test
    void bmpWithAnUnknownCompressionIsRefusedSilently(@TempDir Path tmp) throws Exception {
        byte[] bmp = TestImages.bytes("valid/pillow/rgb24.bmp").clone();
        for (int compression : new int[] {4, 5, 6, 7, 200}) {
            bmp[30] = (byte) compression; // BITMAPINFOHEADER biCompression, little-endian
            assertNotNull(HeaderProbe.probe(ByteBuffer.wrap(bmp)).defect(), "compression " + compression);
            byte[] input = bmp.clone();
            assertThrows(CorruptImageException.class, () -> Imbytes.decode(input, DecodeOptions.defaults()));
            Files.write(tmp.resolve("compression-" + compression + ".bmp"), input);
        }
        Hostile.Child child = Hostile.runJava(List.of("-Xmx256m"), DecodeAllMain.class, 120, tmp.toString());
        assertEquals(0, child.exit(), child.stderr());
        assertEquals(List.of(), child.stderrLines(), "nothing on stderr");
        assertTrue(child.stdout().contains("CorruptImageException"), child.stdout());
    }
}
