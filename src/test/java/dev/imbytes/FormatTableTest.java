package dev.imbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * {@link Format}'s rows are the one table of capabilities: what the README's format table says,
 * what the default allow-list and {@link EncodeOptions#of(Format)} are made from, and what an
 * encoded file really stores after the pipeline adapted the pixels to the row.
 */
class FormatTableTest {

    @Test
    void theDefaultAllowListIsTheRowsMarkedSo() {
        EnumSet<Format> marked = EnumSet.noneOf(Format.class);
        for (Format f : Format.values()) {
            if (f.decodedByDefault()) {
                marked.add(f);
            }
        }
        assertEquals(EnumSet.of(Format.JPEG, Format.PNG, Format.WEBP, Format.TIFF, Format.BMP, Format.GIF), marked);
        assertEquals(marked, DecodeOptions.DEFAULT_FORMATS);
    }

    @Test
    void readWriteAndTemporaryFilesAreWhatTheReadmeTableSays() {
        // format -> read, write, decodes in memory, encodes in memory (README "Formats"; EXR without its variable)
        Map<Format, String> readme = Map.ofEntries(
                Map.entry(Format.JPEG, "RWDE"), Map.entry(Format.PNG, "RWDE"), Map.entry(Format.WEBP, "RWDE"),
                Map.entry(Format.TIFF, "RWDE"), Map.entry(Format.BMP, "RWDE"), Map.entry(Format.JPEG2000, "RWD-"),
                Map.entry(Format.PBM, "RWDE"), Map.entry(Format.PGM, "RWDE"), Map.entry(Format.PPM, "RWDE"),
                Map.entry(Format.PAM, "RWDE"), Map.entry(Format.PFM, "RW--"), Map.entry(Format.HDR, "RW--"),
                Map.entry(Format.SUN_RASTER, "RW--"), Map.entry(Format.EXR, "----"), Map.entry(Format.GIF, "R-DE"));
        for (Format f : Format.values()) {
            String row = (f.canRead() ? "R" : "-") + (f.canWrite() ? "W" : "-")
                    + (f.decodesInMemory() ? "D" : "-") + (f.encodesInMemory() ? "E" : "-");
            assertEquals(readme.get(f), row, f.toString());
        }
        assertEquals("OPENCV_IO_ENABLE_OPENEXR", Format.EXR.enablingVariable().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void defaultEncodeOptionsComeFromTheRow(Format f) {
        EncodeOptions o = EncodeOptions.of(f);
        assertEquals(f, o.format());
        Class<?> expected = switch (f) {
            case JPEG -> JpegOptions.class;
            case PNG -> PngOptions.class;
            case WEBP -> WebpOptions.class;
            case TIFF -> TiffOptions.class;
            case JPEG2000 -> Jpeg2000Options.class;
            default -> PlainOptions.class;
        };
        assertEquals(expected, o.getClass());
    }

    /**
     * A 16-bit BGRA image encoded to each format written in memory, decoded unchanged: the file
     * keeps alpha and 16 bits exactly where the row says so, and its channels and depth are ones
     * the row lists. (PAM is not here: OpenCV 4.9 writes a 4-channel PAM without a TUPLTYPE and then
     * refuses to read it back, "Can't determine selected_fmt"; reported, not part of this table.)
     */
    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"JPEG", "PNG", "WEBP", "TIFF", "BMP", "JPEG2000", "PBM", "PGM", "PPM"})
    void anEncodedFileStoresWhatItsRowSays(Format f) {
        Imbytes.openCvVersion();
        // 48x64: OpenJPEG's default six resolution levels need at least 32 pixels a side
        Mat src = new Mat(48, 64, CvType.CV_16UC4, new Scalar(40000, 20000, 10000, 30000));
        EncodeOptions options = f == Format.JPEG2000 ? Jpeg2000Options.defaults().withTempFileAllowed(true) : EncodeOptions.of(f);
        byte[] encoded = Imbytes.encode(src, options);
        src.release();
        DecodeOptions unchanged = DecodeOptions.defaults().withMode(ReadMode.UNCHANGED).allowingAllFormats();
        try (ImageMat decoded = Imbytes.decode(encoded, unchanged)) {
            Mat m = decoded.mat();
            int bits = m.depth() == CvType.CV_16U ? 16 : m.depth() == CvType.CV_32F ? 32 : 8;
            assertTrue(f.channelCounts().contains(m.channels()), f + " stored " + m.channels() + " channels");
            assertTrue(f.bitDepths().contains(bits), f + " stored " + bits + " bits");
            assertEquals(f.supportsAlpha(), m.channels() == 4, f + ": alpha kept exactly when the row says so");
            assertEquals(f.supports16Bit(), bits == 16, f + ": 16 bits kept exactly when the row says so");
        }
    }
}
